package dev.herald.bench.naive;

import jakarta.json.Json;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The naive baseline's whole broadcasting machinery, written the way most tutorials do it: a static set of sessions
 * per channel and a loop of blocking {@code getBasicRemote().sendText} on the caller's thread. It exists only to be
 * measured against Herald; do not copy it into an application.
 */
public final class Sessions {

    private static final Logger LOGGER = Logger.getLogger(Sessions.class.getName());

    /** The channels, by wire name, each with its open sessions. */
    static final Map<String, Set<Session>> CHANNELS = Map.of(
            "notifications", ConcurrentHashMap.newKeySet(),
            "chat", ConcurrentHashMap.newKeySet());

    private Sessions() {
    }

    /**
     * Greets a new session with its {@code connected} frame and adds it to its channel.
     *
     * @param channel the channel's wire name
     * @param session the new session
     */
    static void open(String channel, Session session) {
        send(session, Json.createObjectBuilder()
                .add("type", "connected")
                .add("connectionId", session.getId())
                .add("channel", channel)
                .build().toString());
        CHANNELS.get(channel).add(session);
    }

    /**
     * @param channel the channel's wire name
     * @param session a session that closed or failed
     */
    static void close(String channel, Session session) {
        CHANNELS.get(channel).remove(session);
    }

    /**
     * Sends a text to every open session of a channel, one after the other, on the calling thread.
     *
     * @param channel   the channel's wire name
     * @param text      the frame
     * @param exceptId  a session id that must not receive it, or {@code null}
     * @return how many sessions it was sent to
     */
    static int broadcast(String channel, String text, String exceptId) {
        int recipients = 0;
        for (Session session : CHANNELS.get(channel)) {
            if (session.isOpen() && !session.getId().equals(exceptId) && send(session, text)) {
                recipients++;
            }
        }
        return recipients;
    }

    private static boolean send(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
            return true;
        } catch (IOException | IllegalStateException e) {
            LOGGER.log(Level.FINE, "Send to " + session.getId() + " failed", e);
            return false;
        }
    }
}
