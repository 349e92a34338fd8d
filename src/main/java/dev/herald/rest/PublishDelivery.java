package dev.herald.rest;

import dev.herald.event.Delivery;
import dev.herald.rest.problem.ProblemException;

import java.time.Duration;
import java.util.Locale;

/**
 * The optional {@code delivery} object of {@code POST /api/broadcasts}:
 * {@code {"mode":"immediate"}}, {@code {"mode":"throttled","intervalMs":100,"throttleMode":"latest","key":"k"}} or
 * {@code {"mode":"batched","windowMs":50}}.
 *
 * @param mode         {@code immediate}, {@code throttled} or {@code batched}
 * @param intervalMs   throttled: the minimum time between two messages, required
 * @param throttleMode throttled: {@code latest} (the default) or {@code drop}
 * @param key          throttled: a throttle key of the caller's own; the channel when absent
 * @param windowMs     batched: the flush window; the configured default when absent
 */
public record PublishDelivery(String mode, Long intervalMs, String throttleMode, String key, Long windowMs) {

    private static final long MAX_MS = Delivery.MAX_DELAY.toMillis();
    private static final String RANGE = " must be a whole number of milliseconds from 1 to " + MAX_MS;

    /**
     * @return the delivery option this object asks for
     * @throws ProblemException (400) naming the field that is missing, unknown or out of range
     */
    public Delivery toDelivery() {
        String chosen = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "immediate" -> Delivery.immediate();
            case "throttled" -> throttled();
            case "batched" -> windowMs == null ? Delivery.batched() : Delivery.batched(milliseconds("windowMs", windowMs));
            default -> throw ProblemException.badRequest(
                    "delivery.mode: must be \"immediate\", \"throttled\" or \"batched\"");
        };
    }

    private Delivery throttled() {
        if (intervalMs == null) {
            throw ProblemException.badRequest("delivery.intervalMs: required when delivery.mode is \"throttled\"");
        }
        Delivery.Throttled throttled = Delivery.throttled(milliseconds("intervalMs", intervalMs)).key(key);
        String chosen = throttleMode == null ? "latest" : throttleMode.toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "latest" -> throttled;
            case "drop" -> throttled.mode(Delivery.ThrottleMode.DROP);
            default -> throw ProblemException.badRequest("delivery.throttleMode: must be \"latest\" or \"drop\"");
        };
    }

    private static Duration milliseconds(String field, long value) {
        if (value < 1 || value > MAX_MS) {
            throw ProblemException.badRequest("delivery." + field + RANGE + ", was " + value);
        }
        return Duration.ofMillis(value);
    }
}
