package dev.herald.broadcast;

import dev.herald.delivery.Frame;
import dev.herald.delivery.Scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Gathers batched messages per key (an audience) and sends each gathering as ONE frame,
 * {@code {"type":"batch","messages":[<payload>,...]}}, encoded once for all recipients. A batch opens with its first
 * message and goes out when that message's window ends, or at once when it reaches the count or byte limit.
 *
 * <p>Thread-safe. Messages keep their arrival order inside a batch, and the batches of one key go out in order: a
 * batch is sent before a new one can open for its key.
 */
public final class Batcher {

    private static final String BATCH_HEAD = "{\"type\":\"batch\",\"messages\":[";
    private static final String BATCH_TAIL = "]}";

    private final Scheduler scheduler;
    private final Sender sender;
    private final int maxMessages;
    private final long maxBytes;
    private final ConcurrentMap<Object, Batch> batches = new ConcurrentHashMap<>();

    /**
     * @param scheduler   runs the end of each window
     * @param sender      sends a batch frame to a key's audience now; every batch frame made goes through it
     * @param maxMessages a batch holding this many messages goes out at once
     * @param maxBytes    a batch whose payloads reach this many UTF-8 bytes goes out at once
     */
    public Batcher(Scheduler scheduler, Sender sender, int maxMessages, long maxBytes) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a message to the open batch of its key, opening one when there is none.
     *
     * @param key         the batch key
     * @param payload     the message, an encoded JSON value
     * @param windowNanos how long the batch waits for more, if this message opens it
     */
    public void add(Object key, Frame payload, long windowNanos) {
        while (true) {
            Batch batch = batches.computeIfAbsent(key, Batch::new);
            synchronized (batch) {
                if (batch.sent) {
                    continue; // It went out just now; the next loop opens a fresh one.
                }
                batch.payloads.add(payload);
                batch.bytes += payload.size();
                if (batch.payloads.size() == 1) {
                    batch.cancelTimer = scheduler.schedule(() -> flush(batch), windowNanos);
                }
                if (!batch.sent && (batch.payloads.size() >= maxMessages || batch.bytes >= maxBytes)) {
                    sendLocked(batch);
                }
                return;
            }
        }
    }

    /**
     * Sends the open batch of a key now, if there is one; used before an immediate message to the same audience, so
     * that it does not overtake batched messages fired before it.
     *
     * @param key the batch key
     */
    public void flush(Object key) {
        Batch batch = batches.get(key);
        if (batch != null) {
            flush(batch);
        }
    }

    /** @return how many keys have a batch open */
    public int openBatches() {
        return batches.size();
    }

    /**
     * @param payloads encoded JSON values
     * @return the batch frame holding them in order
     */
    public static Frame encode(List<Frame> payloads) {
        int capacity = BATCH_HEAD.length() + BATCH_TAIL.length() + payloads.size();
        for (Frame payload : payloads) {
            capacity += payload.text().length();
        }
        StringBuilder text = new StringBuilder(capacity).append(BATCH_HEAD);
        for (int i = 0; i < payloads.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(payloads.get(i).text());
        }
        return Frame.of(text.append(BATCH_TAIL).toString());
    }

    private void flush(Batch batch) {
        synchronized (batch) {
            if (!batch.sent) {
                sendLocked(batch);
            }
        }
    }

    // With the batch's lock held: the batch leaves the map only after it was handed to the connections, so a batch
    // opened for the same key next cannot overtake it.
    private void sendLocked(Batch batch) {
        batch.sent = true;
        if (batch.cancelTimer != null) {
            batch.cancelTimer.run();
        }
        try {
            sender.send(batch.key, encode(batch.payloads), batch.payloads.size());
        } finally {
            batches.remove(batch.key, batch);
        }
    }

    /** Where the batch frames go; called with the batch's lock held, once per batch, in each key's order. */
    @FunctionalInterface
    public interface Sender {

        /**
         * @param key      the batch key
         * @param frame    the batch frame, {@code {"type":"batch","messages":[...]}}
         * @param messages how many messages it holds; at least 1
         */
        void send(Object key, Frame frame, int messages);
    }

    private static final class Batch {

        final Object key;
        final List<Frame> payloads = new ArrayList<>();
        long bytes;
        boolean sent;
        Runnable cancelTimer;

        Batch(Object key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return "batch window of " + key;
        }
    }
}
