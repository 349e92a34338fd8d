package dev.herald.channel;

import dev.herald.delivery.Transport;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A WebSocket session as a {@link Transport}: asynchronous text sends and a close that never throws. */
final class SessionTransport implements Transport {

    private static final Logger LOGGER = Logger.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final Runnable afterClose;

    /**
     * @param session    the container's session
     * @param afterClose run once Herald has closed the session, such as the release of its socket; must not throw
     */
    SessionTransport(Session session, Runnable afterClose) {
        this.session = session;
        this.afterClose = afterClose;
    }

    @Override
    public void send(String text, Consumer<Throwable> completion) {
        session.getAsyncRemote().sendText(text, result -> completion.accept(result.isOK() ? null : result.getException()));
    }

    @Override
    public void ping(long marker) {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, marker));
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            // The session is closing; the heartbeat sweep or @OnClose ends the connection.
            LOGGER.log(Level.FINE, "Pinging session " + session.getId() + " failed", e);
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                afterClose.run();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away first; there is nothing left to close.
            LOGGER.log(Level.FINE, "Closing session " + session.getId() + " failed", e);
        }
    }
}
