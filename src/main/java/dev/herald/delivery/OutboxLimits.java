package dev.herald.delivery;

/**
 * How much one connection may have waiting to be written, and what happens past that.
 *
 * @param maxMessages frames that may wait behind the one being written; at least 1
 * @param maxBytes    UTF-8 bytes that may wait behind the one being written; at least 1
 * @param policy      what happens to a frame that does not fit
 */
public record OutboxLimits(int maxMessages, long maxBytes, OverflowPolicy policy) {

    /** The defaults: 1,024 frames, 1 MiB, and disconnect. */
    public static final OutboxLimits DEFAULTS = new OutboxLimits(1024, 1024 * 1024, OverflowPolicy.DISCONNECT);

    /** @throws IllegalArgumentException when a limit is below 1 or the policy is missing */
    public OutboxLimits {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy must be DISCONNECT or DROP_OLDEST");
        }
    }
}
