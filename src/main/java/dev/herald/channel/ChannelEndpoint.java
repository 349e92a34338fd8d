package dev.herald.channel;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

/**
 * What all channel endpoints share: pongs count as activity for the heartbeat, and a connection leaves the registry
 * when it closes and when it fails. Subclasses declare the {@code @ServerEndpoint} path, open their connection and
 * handle client frames; each frame handler starts with {@code lifecycle.active(session)} so that it counts as activity.
 */
public abstract class ChannelEndpoint {

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
     * @param session the session that failed
     * @param failure what the container reported
     */
    @OnError
    public void onError(Session session, Throwable failure) {
        lifecycle.failed(session, failure);
    }
}
