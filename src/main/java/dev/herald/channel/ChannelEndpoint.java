package dev.herald.channel;

import dev.herald.config.SecuritySettings;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * What all channel endpoints share: pongs count as activity for the heartbeat, and a connection leaves the registry
 * when it closes and when it fails. Subclasses declare the {@code @ServerEndpoint} path, open their connection and
 * handle client frames; each frame handler starts with {@code lifecycle.active(session)} so that it counts as activity.
 */
public abstract class ChannelEndpoint {

    /** WebSocket close code 1003 (unsupported data). */
    public static final int CLOSE_UNSUPPORTED_DATA = 1003;
    /** Close reason with {@link #CLOSE_UNSUPPORTED_DATA}: the client sent a binary frame. */
    public static final String REASON_TEXT_ONLY = "text_only";

    /** Opens, tracks and ends connections for every endpoint. */
    @Inject
    protected ConnectionLifecycle lifecycle;

    /**
     * A pong, the answer to one of Herald's pings (or one the client sent on its own): the client is there, and has
     * read everything written before the ping.
     *
     * @param session the answering session
     * @param pong    the pong; when it carries the 8-byte marker of one of Herald's pings, it confirms what was read
     */
    @OnMessage
    public void onPong(Session session, PongMessage pong) {
        lifecycle.connectionOf(session).ifPresent(
                connection -> connection.ponged(pong.getApplicationData(), System.nanoTime()));
    }

    /**
     * @param session the session that closed, by either side
     */
    @OnClose
    public void onClose(Session session) {
        lifecycle.closed(session);
    }

    /**
     * Refuses a binary frame: every Herald channel speaks JSON text. Without this handler Tyrus closes such a
     * connection with 1011, which would blame the server; 1003 (unsupported data) tells the client what it did.
     *
     * @param session the sending session
     * @param data    the frame, which is dropped
     */
    @OnMessage(maxMessageSize = SecuritySettings.INBOUND_CEILING_BYTES)
    public void onBinary(Session session, ByteBuffer data) {
        lifecycle.connectionOf(session).ifPresent(connection ->
                connection.close(CLOSE_UNSUPPORTED_DATA, REASON_TEXT_ONLY));
    }

    /**
     * @param session the session that failed
     * @param failure what the container reported
     */
    @OnError
    public void onError(Session session, Throwable failure) {
        lifecycle.failed(session, failure);
    }
}
