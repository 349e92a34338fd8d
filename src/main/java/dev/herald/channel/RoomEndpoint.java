package dev.herald.channel;

import dev.herald.config.SecurityConfiguration;
import dev.herald.config.SecuritySettings;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;
import dev.herald.event.Names;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;
import dev.herald.registry.Membership;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /rooms/{roomId}}: connecting joins the room in the path. A text frame from a member goes, byte for byte, to
 * every other member of the same room and to nobody else. {@link RoomHandshakeFilter} refuses invalid room ids with
 * 400 and refused tokens with 401 before the upgrade. A room exists while it has members.
 *
 * <p>A member may come with a token, as on {@code /user} (the subprotocols {@code bearer} and the token, or
 * {@code ?access_token=}); it then joins as that user, and one user may be in at most
 * {@code herald.security.max-rooms-per-user} distinct rooms at once: a connection to one room more is closed right
 * after its {@code connected} frame with 1008 {@value #ERROR_TOO_MANY_ROOMS}. Members without a token are anonymous
 * and not counted, unless {@code herald.security.rooms.require-token} turns them away. A member with a token is closed
 * with 1008 {@value TokenExpiry#REASON_TOKEN_EXPIRED} when the token expires, as on {@code /user}.
 */
@ServerEndpoint(value = RoomEndpoint.PATH_PREFIX + "{roomId}", subprotocols = UserEndpoint.SUBPROTOCOL_BEARER,
        configurator = HandshakeConfigurator.class)
public class RoomEndpoint extends ChannelEndpoint {

    /** The path below the context root that every room shares. */
    static final String PATH_PREFIX = "/rooms/";
    /** Close reason (with 1008): the user is in as many rooms as allowed already. */
    static final String ERROR_TOO_MANY_ROOMS = "too_many_rooms";

    private static final Logger LOGGER = Logger.getLogger(RoomEndpoint.class.getName());

    @Inject
    Event<BroadcastEvent> broadcasts;

    @Inject
    ConnectionRegistry registry;

    @Inject
    SecurityConfiguration configuration;

    @Inject
    TokenExpiry expiry;

    /**
     * @param session the new session
     * @param roomId  the room to join
     * @throws IOException when closing a session with an invalid room id fails
     */
    @OnOpen
    public void onOpen(Session session, @PathParam("roomId") String roomId) throws IOException {
        if (!Names.isValid(roomId)) {
            // The handshake filter refuses invalid ids it can see; an encoded one, such as "%2e%2e", decodes to an
            // invalid id only here. Quiet, since any client can send that.
            LOGGER.log(Level.FINE, "A /rooms connection with an invalid room id got past the handshake filter");
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "bad_room_id"));
            return;
        }
        Principal user = session.getUserPrincipal();
        Connection connection = lifecycle.open(session, Channel.ROOMS,
                Membership.room(roomId, user == null ? null : user.getName()), Set.of());
        // Counted after registering, as on /user, so two joins racing for the last place cannot both get it.
        if (user != null && registry.roomsOf(user.getName()).size() > configuration.security().maxRoomsPerUser()) {
            connection.close(ConnectionLifecycle.CLOSE_POLICY_VIOLATION, ERROR_TOO_MANY_ROOMS);
            return;
        }
        expiry.watch(session, connection);
    }

    /**
     * Forgets the connection and its scheduled expiry. Repeats {@code @OnClose}: method annotations are not
     * inherited by an override.
     *
     * @param session the session that closed
     */
    @Override
    @OnClose
    public void onClose(Session session) {
        expiry.forget(session);
        super.onClose(session);
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
