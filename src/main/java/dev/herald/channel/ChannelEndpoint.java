package dev.herald.channel;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.Session;

/**
 * What all channel endpoints share: a connection leaves the registry when it closes and when it fails. Subclasses
 * declare the {@code @ServerEndpoint} path, open their connection and handle client frames.
 */
public abstract class ChannelEndpoint {

    /** Opens, tracks and ends connections for every endpoint. */
    @Inject
    protected ConnectionLifecycle lifecycle;

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
