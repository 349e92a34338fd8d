package dev.herald.broadcast;

import dev.herald.delivery.Scheduler;
import dev.herald.event.Delivery.ThrottleMode;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * Decides which throttled messages go out: at most one per key per interval. The first message for an idle key goes
 * out at once and opens an interval. Messages that arrive while it runs either replace each other, the last one going
 * out when the interval ends and opening the next ({@link ThrottleMode#LATEST}), or are dropped
 * ({@link ThrottleMode#DROP}). When an interval ends with nothing held, the key is forgotten.
 *
 * <p>Every message that does not go out is counted, as replaced or dropped. Thread-safe; messages for one key are sent
 * one at a time, in the order the decisions were made.
 *
 * @param <T> what is sent, typically an encoded event with its audience
 */
public final class Throttler<T> {

    private final Scheduler scheduler;
    private final ToIntFunction<T> sender;
    private final ConcurrentMap<Object, Window> windows = new ConcurrentHashMap<>();
    private final LongAdder replaced = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /**
     * @param scheduler runs the end of each interval
     * @param sender    sends a message now and answers how many connections it was queued for
     */
    public Throttler(Scheduler scheduler, ToIntFunction<T> sender) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /**
     * @param key           the throttle key; messages with equal keys share intervals
     * @param message       the message
     * @param intervalNanos the interval this message opens, if it opens one
     * @param mode          what to do with it if an interval is running
     * @return how many connections it was queued for now; 0 when it was held for later or dropped
     */
    public int offer(Object key, T message, long intervalNanos, ThrottleMode mode) {
        while (true) {
            Window window = windows.computeIfAbsent(key, Window::new);
            synchronized (window) {
                if (window.retired) {
                    continue; // Its interval ended with nothing held, just now; the next loop opens a fresh one.
                }
                if (!window.started) {
                    window.started = true;
                    return sendAndReopen(window, message, intervalNanos);
                }
                if (mode == ThrottleMode.DROP) {
                    dropped.increment();
                } else {
                    if (window.held != null) {
                        replaced.increment();
                    }
                    window.held = message;
                    window.heldIntervalNanos = intervalNanos;
                }
                return 0;
            }
        }
    }

    /** @return how many messages were replaced by a later one under {@link ThrottleMode#LATEST} */
    public long replacedCount() {
        return replaced.sum();
    }

    /** @return how many messages were dropped under {@link ThrottleMode#DROP} */
    public long droppedCount() {
        return dropped.sum();
    }

    /** @return how many keys have an interval running */
    public int activeKeys() {
        return windows.size();
    }

    // Called with the window's lock held: sending under it keeps the messages of one key in decision order.
    private int sendAndReopen(Window window, T message, long intervalNanos) {
        scheduler.schedule(() -> end(window), intervalNanos);
        return sender.applyAsInt(message);
    }

    private void end(Window window) {
        synchronized (window) {
            if (window.held != null) {
                T next = window.held;
                window.held = null;
                sendAndReopen(window, next, window.heldIntervalNanos);
                return;
            }
            // Forget the key only after the lock is taken, so a concurrent offer either sees it retired or held.
            window.retired = true;
            windows.remove(window.key, window);
        }
    }

    private final class Window {

        final Object key;
        boolean started;
        boolean retired;
        T held;
        long heldIntervalNanos;

        Window(Object key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return "throttle window of " + key;
        }
    }
}
