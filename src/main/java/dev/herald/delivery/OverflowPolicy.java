package dev.herald.delivery;

/** What a connection's outbound queue does when it is full. */
public enum OverflowPolicy {

    /** Close the connection with 1013 and reason {@code slow_consumer}: the client learns it fell behind. */
    DISCONNECT,

    /** Drop the oldest waiting frame to make room, and count the drop: the client keeps up with the latest. */
    DROP_OLDEST
}
