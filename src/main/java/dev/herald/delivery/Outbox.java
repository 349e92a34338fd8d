package dev.herald.delivery;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The outbound queue of one connection. It writes frames in the order they were offered, with never more than one
 * write in flight, and never makes the offering thread wait for the client: a frame either starts writing at once or
 * waits in a bounded queue.
 *
 * <p>When a frame does not fit, the {@link OutboxLimits#policy() policy} decides: the outbox either closes (and tells
 * its {@link Listener} that the client is too slow) or drops its oldest waiting frame and counts the drop. A failed
 * write closes the outbox and is reported to the listener. A closed outbox accepts nothing more.
 *
 * <p>Thread-safe. The listener is called without any lock held.
 */
public final class Outbox {

    /** Hears about the events that end a connection. Implementations must not throw. */
    public interface Listener {

        /** The client did not keep up: its queue was full under {@link OverflowPolicy#DISCONNECT}. */
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
         * {@link OverflowPolicy#DROP_OLDEST} dropped waiting frames to make room.
         *
         * @param frames how many were dropped just now; at least 1
         */
        default void onDropped(int frames) {
        }
    }

    private final Transport transport;
    private final OutboxLimits limits;
    private final Listener listener;

    // Guarded by "this". A plain lock keeps the queue, its byte count and the in-flight flag consistent; it is only
    // ever held for a few field updates, never across a call into the container.
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean writing;
    private long writeStartedNanos;
    private boolean closed;
    private long dropped;
    private long discarded;

    /**
     * @param transport the connection to write to
     * @param limits    how much may wait
     * @param listener  told when the connection must end
     */
    public Outbox(Transport transport, OutboxLimits limits, Listener listener) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Queues a frame, or starts writing it when nothing is being written.
     *
     * @param frame the frame
     * @return {@code true} when the frame was accepted; {@code false} when the outbox is closed or just closed
     *         because the client is too slow
     */
    public boolean offer(Frame frame) {
        boolean slowConsumer = false;
        boolean queued = false;
        long droppedBefore;
        long droppedNow;
        synchronized (this) {
            if (closed) {
                return false;
            }
            droppedBefore = dropped;
            if (!writing) {
                writing = true;
                writeStartedNanos = System.nanoTime();
            } else if (makeRoomFor(frame)) {
                waiting.addLast(frame);
                waitingBytes += frame.size();
                queued = true;
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
        if (!queued) {
            write(frame);
        }
        return true;
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

    /**
     * @return how many frames were lost because the outbox closed before writing them: those waiting when it closed,
     *         and the one that did not fit when the client was too slow
     */
    public synchronized long discardedCount() {
        return discarded;
    }

    /** @return how many frames {@link OverflowPolicy#DROP_OLDEST} has dropped so far */
    public synchronized long droppedCount() {
        return dropped;
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return how long the write in flight has taken so far, in nanoseconds; 0 when nothing is being written
     */
    public synchronized long writeAgeNanos(long nowNanos) {
        return writing && !closed ? nowNanos - writeStartedNanos : 0;
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

    private void closeLocked() {
        discarded += waiting.size();
        closed = true;
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
            } catch (RuntimeException e) {
                // A session closed under us throws instead of calling back; treat it as a failed write.
                write.accept(e);
            }
            next = write.sendReturned();
        }
    }

    // Called with the lock held, after a successful write: the next frame to write, or null when the queue is empty.
    private Frame nextOrIdle() {
        Frame next = closed ? null : waiting.pollFirst();
        if (next == null) {
            writing = false;
            return null;
        }
        waitingBytes -= next.size();
        writeStartedNanos = System.nanoTime();
        return next;
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
            Frame next = null;
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
                    next = nextOrIdle();
                }
            }

            if (result != null) {
                fail(result);
                return;
            }
            listener.onWritten(frame);
            if (next != null) {
                write(next);
            }
        }

        Frame sendReturned() {
            Frame next;
            Throwable inlineFailure;
            synchronized (Outbox.this) {
                returned = true;
                if (!completed) {
                    return null;
                }
                inlineFailure = failure;
                next = inlineFailure == null ? nextOrIdle() : null;
            }
            if (inlineFailure != null) {
                fail(inlineFailure);
                return null;
            }
            listener.onWritten(frame);
            return next;
        }
    }
}
