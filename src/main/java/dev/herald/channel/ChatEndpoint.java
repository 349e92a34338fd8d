package dev.herald.channel;

import dev.herald.config.SecuritySettings;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /chat}: every text frame a client sends goes, byte for byte, to every other open chat connection and never
 * back to its sender. Broadcasts to the channel reach everyone.
 */
@ServerEndpoint(value = "/chat", configurator = HandshakeConfigurator.class)
public class ChatEndpoint extends ChannelEndpoint {

    private static final Audience EVERYONE_ON_CHAT = Audience.channel(Channel.CHAT);

    @Inject
    Event<BroadcastEvent> broadcasts;

    /** @param session the new session */
    @OnOpen
    public void onOpen(Session session) {
        lifecycle.open(session, Channel.CHAT);
    }

    /**
     * Relays a client's frame to the others, through the same event path as any broadcast.
     *
     * @param session the sending session
     * @param text    the frame, relayed verbatim
     */
    @OnMessage(maxMessageSize = SecuritySettings.INBOUND_CEILING_BYTES)
    public void onMessage(Session session, String text) {
        lifecycle.admit(session, text).ifPresent(sender -> broadcasts.fire(
                BroadcastEvent.to(EVERYONE_ON_CHAT).json(text).except(sender.id()).build()));
    }
}
