package dev.herald.delivery;

import dev.herald.event.Channel;

/**
 * Hears what happens to frames on their way to clients, for metrics. Every method has a no-op default and is called
 * on the delivery path itself, so implementations must be quick, thread-safe and must not throw.
 */
public interface DeliveryMeter {

    /** Dropped reason: {@link OverflowPolicy#DROP_OLDEST} made room for a newer frame. */
    String DROPPED_OVERFLOW = "overflow";
    /** Dropped reason: the connection ended (client left, slow consumer, shutdown) before the frame was written. */
    String DROPPED_CLOSED = "closed";
    /** Failed reason: the container reported a failed write. */
    String FAILED_WRITE = "write_error";

    /** A meter that records nothing. */
    DeliveryMeter NONE = new DeliveryMeter() {
    };

    /**
     * @param channel the connection's channel
     * @param frame   the frame that was written; its {@link Frame#createdNanos()} dates its publication
     */
    default void written(Channel channel, Frame frame) {
    }

    /**
     * @param channel the connection's channel
     * @param reason  {@link #DROPPED_OVERFLOW} or {@link #DROPPED_CLOSED}
     * @param frames  how many; at least 1
     */
    default void dropped(Channel channel, String reason, long frames) {
    }

    /**
     * @param channel the connection's channel
     * @param reason  {@link #FAILED_WRITE}
     */
    default void failed(Channel channel, String reason) {
    }

    /** @param channel the channel of a connection closed because its client did not keep up */
    default void slowConsumerClosed(Channel channel) {
    }

    /**
     * @param channel  the channel of the batch's audience
     * @param messages how many messages the batch frame holds; it goes to every recipient as one frame
     */
    default void batchSent(Channel channel, int messages) {
    }
}
