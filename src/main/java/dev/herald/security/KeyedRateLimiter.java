package dev.herald.security;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rate limit per key, such as a client address: each key gets its own {@link TokenBucket} of {@code capacity}
 * tokens refilled at {@code perSecond}, created full on the key's first request. Thread-safe.
 *
 * <p>A bucket that has filled up again behaves exactly like one never created, so such buckets are forgotten: when
 * the map has grown past a threshold, the request that finds it so sweeps the full ones out and the threshold becomes
 * twice what is left. Memory follows the number of keys seen within one refill period, and the sweeps cost a constant
 * amount per request on average. A request racing a sweep for the same key may be let through once more than the
 * rate allows; a limit that protects the server can afford that.
 */
public final class KeyedRateLimiter {

    /** The number of keys at which the first sweep runs. */
    static final int FIRST_SWEEP_AT = 1024;

    private final int capacity;
    private final double perSecond;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger sweepAt = new AtomicInteger(FIRST_SWEEP_AT);

    /**
     * @param capacity  requests a key may make at once after a quiet spell, at least 1
     * @param perSecond requests a key may make per second, sustained; more than 0
     */
    public KeyedRateLimiter(int capacity, double perSecond) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("capacity must be at least 1 and perSecond more than 0");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    /**
     * @param key      who is asking, such as a client address
     * @param nowNanos the time now, from {@link System#nanoTime()}
     * @return empty when the request may go ahead (and is counted); otherwise how long until this key may make its
     *         next request, at least one nanosecond
     */
    public Optional<Duration> tryAcquire(String key, long nowNanos) {
        Objects.requireNonNull(key, "key");
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, perSecond, nowNanos));
        if (bucket.tryTake(nowNanos)) {
            sweepIfLarge(nowNanos);
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(1, bucket.nanosUntilToken(nowNanos))));
    }

    /** @return how many keys have a bucket now */
    int size() {
        return buckets.size();
    }

    private void sweepIfLarge(long nowNanos) {
        int threshold = sweepAt.get();
        // Whoever moves the threshold out of reach sweeps; the others carry on.
        if (buckets.size() <= threshold || !sweepAt.compareAndSet(threshold, Integer.MAX_VALUE)) {
            return;
        }
        buckets.entrySet().removeIf(entry -> entry.getValue().isFull(nowNanos));
        sweepAt.set((int) Math.min(Integer.MAX_VALUE - 1L, Math.max(FIRST_SWEEP_AT, 2L * buckets.size())));
    }
}
