package dev.herald.channel;

import dev.herald.config.SecuritySettings;
import dev.herald.event.Channel;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /notifications}: everyone connected receives every broadcast to the channel. Clients only listen; a frame
 * from a client is answered with a {@code read_only} error frame and otherwise ignored.
 */
@ServerEndpoint(value = "/notifications", configurator = HandshakeConfigurator.class)
public class NotificationsEndpoint extends ChannelEndpoint {

    private static final String MESSAGE_READ_ONLY = "/notifications only sends; frames from clients are ignored";

    /** @param session the new session */
    @OnOpen
    public void onOpen(Session session) {
        lifecycle.open(session, Channel.NOTIFICATIONS);
    }

    /**
     * @param session the sending session
     * @param text    the client's frame, which is ignored
     */
    @OnMessage(maxMessageSize = SecuritySettings.INBOUND_CEILING_BYTES)
    public void onMessage(Session session, String text) {
        lifecycle.admit(session, text)
                .ifPresent(connection -> connection.send(ServerFrames.error(ServerFrames.ERROR_READ_ONLY, MESSAGE_READ_ONLY)));
    }
}
