package dev.herald.security;

/**
 * A token bucket: it holds up to {@code capacity} tokens, refills at {@code perSecond} tokens a second, and each
 * {@link #tryTake(long)} takes one when there is one. The caller passes the time, so the bucket is exact under test.
 * Not thread-safe: each connection owns one and uses it from the one thread that delivers its frames at a time;
 * {@link #tryTake(long)} is {@code synchronized} only so that a container that switches threads between frames
 * still sees the latest state.
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
        long elapsed = Math.max(0, nowNanos - lastNanos);
        tokens = Math.min(capacity, tokens + elapsed * perNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
