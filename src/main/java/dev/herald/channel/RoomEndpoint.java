package dev.herald.channel;

import dev.herald.config.SecuritySettings;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;
import dev.herald.event.Names;
import dev.herald.registry.Membership;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /rooms/{roomId}}: connecting joins the room in the path. A text frame from a member goes, byte for byte, to
 * every other member of the same room and to nobody else. {@link RoomHandshakeFilter} refuses invalid room ids with
 * 400 before the upgrade. A room exists while it has members.
 */
@ServerEndpoint(value = RoomEndpoint.PATH_PREFIX + "{roomId}", configurator = HandshakeConfigurator.class)
public class RoomEndpoint extends ChannelEndpoint {

    /** The path below the context root that every room shares. */
    static final String PATH_PREFIX = "/rooms/";

    private static final Logger LOGGER = Logger.getLogger(RoomEndpoint.class.getName());

    @Inject
    Event<BroadcastEvent> broadcasts;

    /**
     * @param session the new session
     * @param roomId  the room to join
     * @throws IOException when closing a session with an invalid room id fails
     */
    @OnOpen
    public void onOpen(Session session, @PathParam("roomId") String roomId) throws IOException {
        if (!Names.isValid(roomId)) {
            // The handshake filter refuses these; this only guards against it being left out of a deployment.
            LOGGER.log(Level.WARNING, "A /rooms connection with an invalid room id got past the handshake filter");
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "bad_room_id"));
            return;
        }
        lifecycle.open(session, Channel.ROOMS, Membership.room(roomId), Set.of());
    }

    /**
     * Relays a member's frame to the other members, through the same event path as any broadcast.
     *
     * @param session the sending session
     * @param text    the frame, relayed verbatim
     */
    @OnMessage(maxMessageSize = SecuritySettings.INBOUND_CEILING_BYTES)
    public void onMessage(Session session, String text) {
        lifecycle.admit(session, text).ifPresent(sender -> broadcasts.fire(
                BroadcastEvent.to(Audience.room(sender.membership().room())).json(text).except(sender.id()).build()));
    }
}
