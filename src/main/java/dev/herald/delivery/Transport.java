package dev.herald.delivery;

import java.util.function.Consumer;

/**
 * The container's side of one connection, as the delivery engine needs it. Herald adapts a WebSocket session to this;
 * tests can drive the engine with their own implementation.
 */
public interface Transport {

    /**
     * Starts sending one text frame without waiting for it. The engine never calls this again before the previous
     * send has completed.
     *
     * @param text       the frame
     * @param completion called exactly once when the send is over: with {@code null} when it succeeded, with the cause
     *                   when it failed. It may be called before this method returns, on the calling thread.
     */
    void send(String text, Consumer<Throwable> completion);

    /**
     * Closes the connection with a close code and a short reason. Calling it on a closed connection does nothing.
     *
     * @param code   a WebSocket close code, such as 1013
     * @param reason a short reason for the client, at most 123 bytes
     */
    void close(int code, String reason);

    /**
     * Sends a ping control frame without waiting for it, queued behind every frame whose send has completed. A client
     * answers with a pong carrying the same data, which tells Herald it is still there and has read everything sent
     * before the ping. Failing to ping (the connection is closing) is not an error and must not throw.
     *
     * @param marker the number the ping carries, as 8 bytes, big-endian; the pong must carry it back
     */
    default void ping(long marker) {
    }
}
