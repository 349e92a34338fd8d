package dev.herald.channel;

import dev.herald.config.SecuritySettings;
import dev.herald.event.Channel;
import dev.herald.security.TokenBucket;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides, for one connection, whether a text frame from its client may be handled: it must fit the inbound size
 * limit and the connection's rate. Frames over the rate are dropped; the first of a run is answered with a
 * {@code rate_limited} error; a client that keeps going past the forgiven excess is closed. Thread-safe.
 */
final class InboundGuard {

    /** What to do with one inbound frame. */
    enum Verdict {
        /** Handle it. */
        ACCEPT,
        /** Drop it and tell the client with a {@code rate_limited} error frame. */
        DROP_AND_WARN,
        /** Drop it silently: the client was told already during this run of excess. */
        DROP,
        /** Drop it and close the connection with 1008 {@code rate_limited}. */
        CLOSE_RATE,
        /** Drop it and close the connection with 1009. */
        CLOSE_TOO_BIG
    }

    private final int maxBytes;
    private final TokenBucket rate;
    private final TokenBucket forgiveness;
    private final AtomicBoolean warned = new AtomicBoolean();

    InboundGuard(SecuritySettings settings, Channel channel, long nowNanos) {
        this.maxBytes = settings.maxInboundBytes(channel);
        this.rate = new TokenBucket(settings.burst(), settings.framesPerSecond(), nowNanos);
        // One excess frame forgiven per second, up to forgivenExcess at once; a capacity of at least one keeps the
        // bucket valid, and forgivenExcess = 0 is honoured below by closing on the first excess frame.
        this.forgiveness = new TokenBucket(Math.max(1, settings.forgivenExcess()), 1, nowNanos);
        if (settings.forgivenExcess() == 0) {
            forgiveness.tryTake(nowNanos);
        }
    }

    /**
     * @param text     the frame's text
     * @param nowNanos the time now, from {@link System#nanoTime()}
     * @return what to do with it
     */
    Verdict judge(String text, long nowNanos) {
        if (exceedsUtf8(text, maxBytes)) {
            return Verdict.CLOSE_TOO_BIG;
        }
        if (rate.tryTake(nowNanos)) {
            warned.set(false);
            return Verdict.ACCEPT;
        }
        if (!forgiveness.tryTake(nowNanos)) {
            return Verdict.CLOSE_RATE;
        }
        return warned.compareAndSet(false, true) ? Verdict.DROP_AND_WARN : Verdict.DROP;
    }

    // Whether the text takes more than max bytes in UTF-8, counted without encoding and only as far as needed.
    static boolean exceedsUtf8(String text, int max) {
        if (text.length() > max) {
            return true;
        }
        if (text.length() * 3L <= max) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= max; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > max;
    }
}
