package dev.herald.channel;

import dev.herald.delivery.Frame;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;
import dev.herald.registry.Membership;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * {@code /feed?topics=a,b}: a connection receives the broadcasts to the topics it is subscribed to. It starts with the
 * topics of the query string and changes them with control frames:
 * {@code {"type":"subscribe","topics":[...]}} and {@code {"type":"unsubscribe","topics":[...]}}, each answered with
 * {@code {"type":"subscribed","topics":[<all of them, sorted>]}}. A control frame that is malformed or would pass the
 * limit of topics is answered with an {@code error} frame, code {@code bad_request}; the subscriptions stay as they
 * were and the connection stays open.
 */
@ServerEndpoint(value = FeedEndpoint.PATH, configurator = HandshakeConfigurator.class)
public class FeedEndpoint extends ChannelEndpoint {

    /** The endpoint's path. */
    static final String PATH = "/feed";
    /** The largest control frame accepted; a larger one closes the connection with 1009. */
    static final int MAX_FRAME_BYTES = 16 * 1024;

    /** Error code: a subscribe frame would take the connection past its limit of topics; nothing changed. */
    static final String ERROR_TOO_MANY_TOPICS = "too_many_topics";
    static final String MESSAGE_TOO_MANY_TOPICS = "a connection may hold at most "
            + ConnectionRegistry.MAX_TOPICS_PER_CONNECTION + " topics; unsubscribe from some first";
    static final String MESSAGE_NOT_JSON = "send a JSON object such as {\"type\":\"subscribe\",\"topics\":[\"sports\"]}";
    static final String MESSAGE_UNKNOWN_TYPE = "type must be \"subscribe\" or \"unsubscribe\"";
    static final String MESSAGE_BAD_TOPICS = "topics must be an array of topic names";

    private static final String TYPE_SUBSCRIBE = "subscribe";
    private static final String TYPE_UNSUBSCRIBE = "unsubscribe";
    // Json.createReader() looks the JSON-P provider up (a ServiceLoader scan) on every control frame; this, once.
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    @Inject
    ConnectionRegistry registry;

    /**
     * @param session the new session
     * @throws IOException when closing a session with a bad topic list fails
     */
    @OnOpen
    public void onOpen(Session session) throws IOException {
        Set<String> topics;
        try {
            topics = TopicList.parse(session.getRequestParameterMap().getOrDefault(TopicList.QUERY_PARAMETER, List.of()));
        } catch (IllegalArgumentException e) {
            // FeedHandshakeFilter refuses these with 400 first; this only guards against it being left out.
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "bad_topics"));
            return;
        }
        lifecycle.open(session, Channel.FEED, Membership.NONE, topics);
    }

    /**
     * @param session the sending session
     * @param text    a control frame
     */
    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void onMessage(Session session, String text) {
        lifecycle.admit(session, text).ifPresent(connection -> connection.send(answer(connection, text)));
    }

    private Frame answer(Connection connection, String text) {
        Optional<JsonObject> frame = parse(text);
        if (frame.isEmpty()) {
            return ServerFrames.error(ServerFrames.ERROR_BAD_REQUEST, MESSAGE_NOT_JSON);
        }
        String type = frame.get().getString("type", "");
        if (!type.equals(TYPE_SUBSCRIBE) && !type.equals(TYPE_UNSUBSCRIBE)) {
            return ServerFrames.error(ServerFrames.ERROR_BAD_REQUEST, MESSAGE_UNKNOWN_TYPE);
        }
        Optional<List<String>> topics = topicsOf(frame.get());
        if (topics.isEmpty()) {
            return ServerFrames.error(ServerFrames.ERROR_BAD_REQUEST, MESSAGE_BAD_TOPICS);
        }

        if (type.equals(TYPE_SUBSCRIBE) && wouldExceedTopics(connection, topics.get())) {
            return ServerFrames.error(ERROR_TOO_MANY_TOPICS, MESSAGE_TOO_MANY_TOPICS);
        }

        try {
            SortedSet<String> now = type.equals(TYPE_SUBSCRIBE)
                    ? registry.subscribe(connection, topics.get())
                    : registry.unsubscribe(connection, topics.get());
            return ServerFrames.subscribed(now);
        } catch (IllegalArgumentException e) {
            // Our own messages (the name rule, the limit); never a library's text.
            return ServerFrames.error(ServerFrames.ERROR_BAD_REQUEST, e.getMessage());
        }
    }

    private static boolean wouldExceedTopics(Connection connection, List<String> more) {
        Set<String> after = new HashSet<>(connection.topics());
        after.addAll(more);
        return after.size() > ConnectionRegistry.MAX_TOPICS_PER_CONNECTION;
    }

    // As strict as a REST body: one JSON object, nothing after it, no key twice (the reader refuses those).
    private static Optional<JsonObject> parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object && endsAfterOneObject(text)
                    ? Optional.of(object) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    // JSON-P's reader stops after the first value; its parser tells whether anything follows (a parsing exception).
    private static boolean endsAfterOneObject(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            parser.skipObject();
            return !parser.hasNext();
        }
    }

    private static Optional<List<String>> topicsOf(JsonObject frame) {
        if (!(frame.get("topics") instanceof JsonArray array)) {
            return Optional.empty();
        }
        List<String> topics = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonString name)) {
                return Optional.empty();
            }
            topics.add(name.getString());
        }
        return Optional.of(topics);
    }
}
