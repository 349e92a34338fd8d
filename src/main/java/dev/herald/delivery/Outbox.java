package dev.herald.delivery;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The outbound queue of one connection. It writes frames in the order they were offered, with never more than one
 * write in flight, and never makes the offering thread wait for the client: a frame either starts writing at once or
 * waits in a bounded queue.
 *
 * <p><b>Flow control.</b> A container write that "completes" only means the container took the frame: Tyrus in
 * Payara Micro 7 buffers any amount for a client that does not read, and never reports it. So the outbox also counts
 * what the client has confirmed reading. Every ping it sends carries the number of bytes written before it; a client
 * answers a ping only after reading everything sent before it, so a pong with that number proves those bytes were
 * read. When more than {@link OutboxLimits#maxBytes()} written bytes are unconfirmed, the outbox stops writing
 * ("paused") and frames wait in its queue until a pong confirms enough. A probe ping goes out every quarter of that
 * budget and whenever the outbox pauses.
 *
 * <p>When a frame does not fit in the queue, the {@link OutboxLimits#policy() policy} decides: the outbox either closes
 * (and tells its {@link Listener} that the client is too slow) or drops its oldest waiting frame and counts the drop.
 * A failed write closes the outbox and is reported to the listener. A closed outbox accepts nothing more.
 *
 * <p>Thread-safe. The listener and the transport are called without any lock held.
 */
public final class Outbox {

    /** Hears about the events that end a connection. Implementations must not throw. */
    public interface Listener {

        /**
         * The client did not keep up under {@link OverflowPolicy#DISCONNECT}: its queue was full, or a write stayed in
         * flight (or unconfirmed) past the send timeout.
         */
        void onSlowConsumer();

        /**
         * A write failed; the outbox is closed.
         *
         * @param cause why, as the container reported it
         */
        void onSendFailure(Throwable cause);

        /**
         * A frame was written to the client. Called on the thread that saw the write complete, in write order.
         *
         * @param frame the frame
         */
        default void onWritten(Frame frame) {
        }

        /**
         * {@link OverflowPolicy#DROP_OLDEST} dropped waiting frames to make room or after a send timeout.
         *
         * @param frames how many were dropped just now; at least 1
         */
        default void onDropped(int frames) {
        }
    }

    private static final long NO_PROBE = -1;

    private final Transport transport;
    private final OutboxLimits limits;
    private final Listener listener;
    private final long probeEveryBytes;

    // Guarded by "this". A plain lock keeps the queue, its byte count and the write state consistent; it is only
    // ever held for a few field updates, never across a call into the container.
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean writing;
    private boolean paused;
    private boolean held;
    private long stateSinceNanos;
    private boolean closed;
    private long dropped;
    private long discarded;
    private int peakWaiting;
    private long peakWaitingBytes;
    private long writtenBytes;
    private long confirmedBytes;
    private long probedBytes;

    /**
     * @param transport the connection to write to
     * @param limits    how much may wait, and how much may be written but not yet confirmed by the client
     * @param listener  told when the connection must end
     */
    public Outbox(Transport transport, OutboxLimits limits, Listener listener) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.probeEveryBytes = Math.max(1, limits.maxBytes() / 4);
    }

    /**
     * Queues a frame, or starts writing it when nothing is being written and the client has confirmed enough.
     *
     * @param frame the frame
     * @return {@code true} when the frame was accepted; {@code false} when the outbox is closed or just closed
     *         because the client is too slow
     */
    public boolean offer(Frame frame) {
        boolean slowConsumer = false;
        boolean startWrite = false;
        long probe = NO_PROBE;
        long droppedNow;
        synchronized (this) {
            if (closed) {
                return false;
            }
            long droppedBefore = dropped;
            if (!writing && !paused && !held && withinBudget(frame)) {
                writing = true;
                startWrite = true;
                stateSinceNanos = System.nanoTime();
            } else if (makeRoomFor(frame)) {
                enqueue(frame);
                if (!writing && !paused && !held) {
                    probe = pauseLocked();
                }
            } else {
                // The frame that did not fit is lost with the ones that were waiting.
                discarded++;
                slowConsumer = true;
            }
            droppedNow = dropped - droppedBefore;
        }

        if (droppedNow > 0) {
            listener.onDropped((int) droppedNow);
        }
        if (slowConsumer) {
            listener.onSlowConsumer();
            return false;
        }
        if (probe != NO_PROBE) {
            transport.ping(probe);
        } else if (startWrite) {
            write(frame);
        }
        return true;
    }

    /**
     * Holds every frame in the queue, unwritten, until {@link #release()}. Used while a connection opens, so that its
     * first frame reaches the client only once the connection is fully registered.
     */
    public synchronized void hold() {
        held = true;
    }

    /** Starts writing what was queued while {@link #hold() held}; does nothing when not held. */
    public void release() {
        Frame first;
        synchronized (this) {
            if (!held) {
                return;
            }
            held = false;
            if (closed || writing || paused || waiting.isEmpty()) {
                return;
            }
            writing = true;
            stateSinceNanos = System.nanoTime();
            first = poll();
        }
        write(first);
    }

    /**
     * Sends a ping that asks the client to confirm what it has read so far; the heartbeat uses it. Does nothing once
     * the outbox is closed.
     */
    public void probe() {
        long marker;
        synchronized (this) {
            if (closed) {
                return;
            }
            marker = writtenBytes;
            probedBytes = marker;
        }
        transport.ping(marker);
    }

    /**
     * Records a pong: the client has read every byte written before the ping that carried {@code marker}. Writing
     * resumes when it was paused and the client has now confirmed enough.
     *
     * @param marker the number carried by the ping this pong answers; values never sent are ignored
     */
    public void confirmed(long marker) {
        Frame next;
        synchronized (this) {
            if (closed || marker <= confirmedBytes || marker > writtenBytes) {
                return;
            }
            confirmedBytes = marker;
            if (!paused || !withinBudget(waiting.peekFirst())) {
                return;
            }
            paused = false;
            writing = true;
            stateSinceNanos = System.nanoTime();
            next = poll();
        }
        write(next);
    }

    /**
     * Closes this outbox and forgets what was waiting. A write in flight completes or fails on its own.
     *
     * @return how many waiting frames were discarded
     */
    public synchronized int close() {
        int waitingNow = waiting.size();
        closeLocked();
        return waitingNow;
    }

    /** @return whether this outbox still accepts frames */
    public synchronized boolean isOpen() {
        return !closed;
    }

    /** @return how many frames wait behind the one being written */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    /** @return how many UTF-8 bytes wait behind the frame being written */
    public synchronized long waitingBytes() {
        return waitingBytes;
    }

    /** @return how many frames {@link OverflowPolicy#DROP_OLDEST} has dropped so far */
    public synchronized long droppedCount() {
        return dropped;
    }

    /**
     * @return how many frames were lost because the outbox closed before writing them: those waiting when it closed,
     *         and the one that did not fit when the client was too slow
     */
    public synchronized long discardedCount() {
        return discarded;
    }

    /** @return the most frames that ever waited at once; never more than {@link OutboxLimits#maxMessages()} */
    public synchronized int peakWaitingCount() {
        return peakWaiting;
    }

    /** @return the most UTF-8 bytes that ever waited at once; never more than {@link OutboxLimits#maxBytes()} */
    public synchronized long peakWaitingBytes() {
        return peakWaitingBytes;
    }

    /** @return UTF-8 bytes the container took whose reading the client has not confirmed yet */
    public synchronized long unconfirmedBytes() {
        return writtenBytes - confirmedBytes;
    }

    /** @return whether writing waits for the client to confirm what it has read */
    public synchronized boolean isPaused() {
        return paused && !closed;
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return how long the write in flight, or the pause waiting for the client, has lasted so far, in nanoseconds;
     *         0 when the outbox is idle
     */
    public synchronized long writeAgeNanos(long nowNanos) {
        return (writing || paused) && !closed ? nowNanos - stateSinceNanos : 0;
    }

    /**
     * Handles a write in flight, or a pause, that has lasted longer than the send timeout: the client is not reading.
     * Under {@link OverflowPolicy#DISCONNECT} the outbox closes and tells its listener that the client is too slow.
     * Under {@link OverflowPolicy#DROP_OLDEST} every waiting frame but the newest is dropped and counted, so a client
     * that resumes reading gets the latest state first; the connection stays open.
     *
     * <p>The write in flight cannot be taken back: the container owns it until it completes or the connection closes.
     *
     * @param nowNanos     the current {@link System#nanoTime()}
     * @param timeoutNanos the send timeout
     * @return {@code true} when the write or pause was older than the timeout and the policy was applied
     */
    public boolean expireStalledWrite(long nowNanos, long timeoutNanos) {
        int droppedNow = 0;
        synchronized (this) {
            if (closed || !(writing || paused) || nowNanos - stateSinceNanos <= timeoutNanos) {
                return false;
            }
            if (limits.policy() == OverflowPolicy.DROP_OLDEST) {
                while (waiting.size() > 1) {
                    waitingBytes -= waiting.removeFirst().size();
                    dropped++;
                    droppedNow++;
                }
            } else {
                closeLocked();
            }
        }

        if (limits.policy() == OverflowPolicy.DROP_OLDEST) {
            if (droppedNow > 0) {
                listener.onDropped(droppedNow);
            }
            return true;
        }
        listener.onSlowConsumer();
        return true;
    }

    // Called with the lock held. Answers whether the frame may now be queued.
    private boolean makeRoomFor(Frame frame) {
        while (!fits(frame)) {
            if (limits.policy() != OverflowPolicy.DROP_OLDEST || waiting.isEmpty()) {
                closeLocked();
                return false;
            }
            waitingBytes -= waiting.removeFirst().size();
            dropped++;
        }
        return true;
    }

    private boolean fits(Frame frame) {
        return waiting.size() < limits.maxMessages() && waitingBytes + frame.size() <= limits.maxBytes();
    }

    // A frame may be written when the client has confirmed enough; with nothing unconfirmed, any frame may, however
    // big it is.
    private boolean withinBudget(Frame frame) {
        long unconfirmed = writtenBytes - confirmedBytes;
        return unconfirmed == 0 || unconfirmed + frame.size() <= limits.maxBytes();
    }

    private void enqueue(Frame frame) {
        waiting.addLast(frame);
        waitingBytes += frame.size();
        peakWaiting = Math.max(peakWaiting, waiting.size());
        peakWaitingBytes = Math.max(peakWaitingBytes, waitingBytes);
    }

    private Frame poll() {
        Frame next = waiting.pollFirst();
        waitingBytes -= next.size();
        return next;
    }

    // With the lock held: stop writing until the client confirms more. Returns the probe to send, so that the client's
    // next pong can confirm everything written so far.
    private long pauseLocked() {
        paused = true;
        stateSinceNanos = System.nanoTime();
        if (probedBytes == writtenBytes) {
            return NO_PROBE;
        }
        probedBytes = writtenBytes;
        return writtenBytes;
    }

    private void closeLocked() {
        discarded += waiting.size();
        closed = true;
        paused = false;
        waiting.clear();
        waitingBytes = 0;
    }

    // Writes frames one after the other for as long as each write completes before send(...) returns; otherwise the
    // completion callback carries on. This keeps the stack flat when the container completes writes inline.
    private void write(Frame first) {
        Frame next = first;
        while (next != null) {
            Write write = new Write(next);
            try {
                transport.send(next.text(), write);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // A session closed under us throws instead of calling back; treat it as a failed write. Tyrus 2.2
                // (Payara Micro 7.2026.11) even throws java.lang.Error for text it cannot encode: that too must
                // end this connection only, never leave it "writing" forever or stop the caller's fan-out.
                write.accept(e);
            } catch (Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                write.accept(e);
            }
            next = write.sendReturned();
        }
    }

    // Called with the lock held, after a successful write: counts it, and answers what to do next.
    private Step afterWrite(Frame written) {
        writtenBytes += written.size();
        long probe = NO_PROBE;
        if (writtenBytes - probedBytes >= probeEveryBytes) {
            probedBytes = writtenBytes;
            probe = writtenBytes;
        }
        Frame next = closed ? null : waiting.peekFirst();
        if (next == null) {
            writing = false;
            return new Step(null, probe);
        }
        if (!withinBudget(next)) {
            writing = false;
            long pauseProbe = pauseLocked();
            return new Step(null, pauseProbe != NO_PROBE ? pauseProbe : probe);
        }
        stateSinceNanos = System.nanoTime();
        return new Step(poll(), probe);
    }

    // Called without the lock: sends the probe, if any, and answers the next frame to write.
    private Frame take(Step step) {
        if (step.probe() != NO_PROBE) {
            transport.ping(step.probe());
        }
        return step.next();
    }

    private void fail(Throwable cause) {
        synchronized (this) {
            if (closed) {
                // We closed first (slow consumer or shutdown); a write cancelled by that is expected.
                writing = false;
                return;
            }
            closeLocked();
            writing = false;
        }
        listener.onSendFailure(cause);
    }

    /** What follows a completed write: the next frame to write, if any, and a probe to send first, if any. */
    private record Step(Frame next, long probe) {
    }

    /** One write in flight; knows whether its completion came before or after send(...) returned. */
    private final class Write implements Consumer<Throwable> {

        private final Frame frame;
        private boolean returned;
        private boolean completed;
        private Throwable failure;

        Write(Frame frame) {
            this.frame = frame;
        }

        @Override
        public void accept(Throwable result) {
            Step step = null;
            synchronized (Outbox.this) {
                if (completed) {
                    return;
                }
                completed = true;
                failure = result;
                if (!returned) {
                    // Completed inline: the loop in write(...) picks it up when send(...) returns.
                    return;
                }
                if (result == null) {
                    step = afterWrite(frame);
                }
            }

            if (result != null) {
                fail(result);
                return;
            }
            listener.onWritten(frame);
            Frame next = take(step);
            if (next != null) {
                write(next);
            }
        }

        Frame sendReturned() {
            Throwable inlineFailure;
            Step step;
            synchronized (Outbox.this) {
                returned = true;
                if (!completed) {
                    return null;
                }
                if (failure != null) {
                    inlineFailure = failure;
                    step = null;
                } else {
                    inlineFailure = null;
                    step = afterWrite(frame);
                }
            }
            if (inlineFailure != null) {
                fail(inlineFailure);
                return null;
            }
            listener.onWritten(frame);
            return take(step);
        }
    }
}
