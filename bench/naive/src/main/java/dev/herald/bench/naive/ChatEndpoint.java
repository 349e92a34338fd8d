package dev.herald.bench.naive;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /chat} of the naive baseline: each frame is relayed verbatim to every other session, on the reading thread. */
@ServerEndpoint("/chat")
public class ChatEndpoint {

    private static final String CHANNEL = "chat";

    /** @param session the new session */
    @OnOpen
    public void onOpen(Session session) {
        Sessions.open(CHANNEL, session);
    }

    /**
     * @param session the sender, who gets no echo
     * @param text    the frame to relay
     */
    @OnMessage
    public void onMessage(Session session, String text) {
        Sessions.broadcast(CHANNEL, text, session.getId());
    }

    /** @param session the closed session */
    @OnClose
    public void onClose(Session session) {
        Sessions.close(CHANNEL, session);
    }

    /**
     * @param session the failed session
     * @param failure what failed
     */
    @OnError
    public void onError(Session session, Throwable failure) {
        Sessions.close(CHANNEL, session);
    }
}
