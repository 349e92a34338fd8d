package dev.herald.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a {@link BroadcastEvent} goes out: at once (the default), throttled, or batched with others. Instances are
 * values and thread-safe.
 *
 * <pre>{@code
 * BroadcastEvent.to(audience).payload(price).delivery(Delivery.throttled(Duration.ofMillis(100))).build();
 * BroadcastEvent.to(audience).payload(tick).delivery(Delivery.batched()).build();
 * }</pre>
 */
public sealed interface Delivery {

    /** The longest throttle interval or batch window Herald accepts. */
    Duration MAX_DELAY = Duration.ofMinutes(1);

    /** @return the default: the event goes out as soon as it is fired */
    static Delivery immediate() {
        return Immediate.INSTANCE;
    }

    /**
     * At most one message per interval for the event's audience; the latest event of an interval goes out when it ends.
     *
     * @param interval the minimum time between two messages, from 1 ms to {@link #MAX_DELAY}
     * @return the option
     */
    static Throttled throttled(Duration interval) {
        return new Throttled(interval, ThrottleMode.LATEST, null);
    }

    /** @return batched in the configured window ({@code herald.delivery.batch.window-ms}, 50 ms by default) */
    static Batched batched() {
        return new Batched(null);
    }

    /**
     * @param window how long the first event of a batch waits for others, from 1 ms to {@link #MAX_DELAY}
     * @return the option
     */
    static Batched batched(Duration window) {
        return new Batched(Objects.requireNonNull(window, "window"));
    }

    /** The event goes out as soon as it is fired. */
    final class Immediate implements Delivery {

        private static final Immediate INSTANCE = new Immediate();

        private Immediate() {
        }

        @Override
        public String toString() {
            return "immediate";
        }
    }

    /** What happens to the events fired while a throttle interval runs. */
    enum ThrottleMode {

        /** Each replaces the previous one, and the last goes out when the interval ends: the final state is kept. */
        LATEST,

        /** They are dropped (and counted): only the event that opened the interval goes out. */
        DROP
    }

    /**
     * Within one interval at most one message goes out for the key.
     *
     * @param interval the minimum time between two messages for the key
     * @param mode     what happens to events that arrive during an interval
     * @param key      the throttle key; {@code null} means the event's audience
     */
    record Throttled(Duration interval, ThrottleMode mode, String key) implements Delivery {

        /** @throws IllegalArgumentException when the interval is outside 1 ms to {@link #MAX_DELAY} */
        public Throttled {
            checkDelay("interval", interval);
            Objects.requireNonNull(mode, "mode");
        }

        /**
         * @param newMode what happens to events that arrive during an interval
         * @return this option with that mode
         */
        public Throttled mode(ThrottleMode newMode) {
            return new Throttled(interval, newMode, key);
        }

        /**
         * Throttles under a key of your own instead of the audience, for example one key per stock symbol.
         *
         * @param newKey the key; {@code null} goes back to the audience
         * @return this option with that key
         */
        public Throttled key(String newKey) {
            return new Throttled(interval, mode, newKey);
        }
    }

    /**
     * Batched with the other batched events for the same audience that arrive within the window, into one
     * {@code {"type":"batch","messages":[...]}} frame.
     *
     * @param window the flush window; {@code null} means the configured default
     */
    record Batched(Duration window) implements Delivery {

        /** @throws IllegalArgumentException when the window is outside 1 ms to {@link #MAX_DELAY} */
        public Batched {
            if (window != null) {
                checkDelay("window", window);
            }
        }

        /**
         * @param fallback the configured default window
         * @return this event's window, or the fallback when it names none
         */
        public Duration windowOr(Duration fallback) {
            return Optional.ofNullable(window).orElse(fallback);
        }
    }

    private static void checkDelay(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(name + " must be from 1 ms to " + MAX_DELAY.toSeconds() + " s, was "
                    + value.toMillis() + " ms");
        }
    }
}
