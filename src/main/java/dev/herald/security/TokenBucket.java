package dev.herald.security;

/**
 * A token bucket: it holds up to {@code capacity} tokens, refills at {@code perSecond} tokens a second, and each
 * {@link #tryTake(long)} takes one when there is one. The caller passes the time, so the bucket is exact under test.
 * Thread-safe: every method is {@code synchronized}. A connection's own bucket is used by one thread at a time, but
 * a container may switch threads between frames; the buckets of {@link KeyedRateLimiter} are shared by concurrent
 * requests.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    /**
     * @param capacity  the most tokens it holds, and holds at the start
     * @param perSecond tokens added per second
     * @param nowNanos  the time now, from {@link System#nanoTime()}
     */
    public TokenBucket(int capacity, double perSecond, long nowNanos) {
        if (capacity < 1 || perSecond < 0) {
            throw new IllegalArgumentException("capacity must be at least 1 and perSecond not negative");
        }
        this.capacity = capacity;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /**
     * @param nowNanos the time now, from {@link System#nanoTime()}
     * @return {@code true} when a token was taken; {@code false} when the bucket is empty
     */
    public synchronized boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * @param nowNanos the time now, from {@link System#nanoTime()}
     * @return how long until the bucket holds a token, in nanoseconds: 0 when it holds one now, and
     *         {@link Long#MAX_VALUE} when it never refills
     */
    public synchronized long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            return 0;
        }
        if (perNano == 0) {
            return Long.MAX_VALUE;
        }
        // Rounded, not ceiled: the division is off by a fraction of a nanosecond (a rate of 1/6 per second gives
        // 6,000,000,000.000001), which would turn a wait of exactly 6 s into one just over it.
        return Math.max(1, Math.round((1 - tokens) / perNano));
    }

    /**
     * @param nowNanos the time now, from {@link System#nanoTime()}
     * @return whether it holds its whole capacity again, in which case it behaves exactly like a new bucket
     */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        tokens = Math.min(capacity, tokens + elapsed * perNano);
        lastNanos = nowNanos;
    }
}
