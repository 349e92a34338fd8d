package dev.herald.channel;

import dev.herald.delivery.Frame;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The frames Herald composes itself, as documented in {@code docs/protocol.md}. Each is a JSON object with a
 * {@code type}.
 */
public final class ServerFrames {

    // Json.createObjectBuilder() looks the JSON-P provider up (a ServiceLoader scan) on every call; the factory
    // looks it up once.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** Error code: a client sent a frame to a channel that only sends. */
    public static final String ERROR_READ_ONLY = "read_only";
    /** Error code: a control frame was malformed or asked for something not allowed; nothing changed. */
    public static final String ERROR_BAD_REQUEST = "bad_request";

    private ServerFrames() {
    }

    /**
     * @param connection the new connection
     * @return {@code {"type":"connected","connectionId":...,"channel":...}}
     */
    public static Frame connected(Connection connection) {
        return connected(connection, Set.of());
    }

    /**
     * @param connection the new connection
     * @param topics     the topics it is about to be registered with
     * @return {@code {"type":"connected","connectionId":...,"channel":...}}, plus {@code "room"} on a room,
     *         {@code "user"} on {@code /user} and {@code "topics"} (sorted) on {@code /feed}
     */
    public static Frame connected(Connection connection, Collection<String> topics) {
        JsonObjectBuilder frame = JSON.createObjectBuilder()
                .add("type", "connected")
                .add("connectionId", connection.id())
                .add("channel", connection.channel().wireName());
        connection.membership().roomId().ifPresent(room -> frame.add("room", room));
        connection.membership().user().ifPresent(user -> frame.add("user", user));
        if (connection.channel() == Channel.FEED) {
            frame.add("topics", array(new TreeSet<>(topics)));
        }
        return frame(frame);
    }

    /**
     * @param topics a connection's topics, sorted
     * @return {@code {"type":"subscribed","topics":[...]}}
     */
    public static Frame subscribed(Collection<String> topics) {
        return frame(JSON.createObjectBuilder()
                .add("type", "subscribed")
                .add("topics", array(topics)));
    }

    /**
     * @param code    a stable, machine-readable error code such as {@link #ERROR_READ_ONLY}
     * @param message a human-readable explanation; never exception text
     * @return {@code {"type":"error","code":...,"message":...}}
     */
    public static Frame error(String code, String message) {
        return frame(JSON.createObjectBuilder()
                .add("type", "error")
                .add("code", code)
                .add("message", message));
    }

    private static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static Frame frame(JsonObjectBuilder builder) {
        return Frame.of(builder.build().toString());
    }
}
