package dev.herald.channel;

import dev.herald.delivery.Frame;
import dev.herald.registry.Connection;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * The frames Herald composes itself, as documented in {@code docs/protocol.md}. Each is a JSON object with a
 * {@code type}.
 */
public final class ServerFrames {

    /** Error code: a client sent a frame to a channel that only sends. */
    public static final String ERROR_READ_ONLY = "read_only";

    private ServerFrames() {
    }

    /**
     * @param connection the new connection
     * @return {@code {"type":"connected","connectionId":...,"channel":...}}
     */
    public static Frame connected(Connection connection) {
        return frame(Json.createObjectBuilder()
                .add("type", "connected")
                .add("connectionId", connection.id())
                .add("channel", connection.channel().wireName()));
    }

    /**
     * @param code    a stable, machine-readable error code such as {@link #ERROR_READ_ONLY}
     * @param message a human-readable explanation; never exception text
     * @return {@code {"type":"error","code":...,"message":...}}
     */
    public static Frame error(String code, String message) {
        return frame(Json.createObjectBuilder()
                .add("type", "error")
                .add("code", code)
                .add("message", message));
    }

    private static Frame frame(JsonObjectBuilder builder) {
        return Frame.of(builder.build().toString());
    }
}
