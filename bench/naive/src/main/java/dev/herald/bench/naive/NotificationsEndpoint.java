package dev.herald.bench.naive;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** {@code /notifications} of the naive baseline: receive-only, every broadcast reaches everyone. */
@ServerEndpoint("/notifications")
public class NotificationsEndpoint {

    private static final String CHANNEL = "notifications";
    private static final String READ_ONLY =
            "{\"type\":\"error\",\"code\":\"read_only\",\"message\":\"/notifications only sends; frames from clients are ignored\"}";

    /** @param session the new session */
    @OnOpen
    public void onOpen(Session session) {
        Sessions.open(CHANNEL, session);
    }

    /**
     * @param session the sender
     * @param text    ignored
     * @throws IOException when the answer cannot be sent
     */
    @OnMessage
    public void onMessage(Session session, String text) throws IOException {
        session.getBasicRemote().sendText(READ_ONLY);
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
