package dev.herald.channel;

import dev.herald.config.SecuritySettings;
import dev.herald.config.SecurityConfiguration;
import dev.herald.event.Audience;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;
import dev.herald.registry.Membership;
import dev.herald.security.TokenPrincipal;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /user}: authenticated connections, addressed by user id. The handshake must carry a token (see
 * {@link dev.herald.security.BearerTokenMechanism}); {@link UserHandshakeFilter} refuses it with 401 otherwise. One
 * user may hold many connections. Each connection is closed with 1008 {@code token_expired} when its token expires.
 * Clients only listen; a frame from a client is answered with a {@code read_only} error frame.
 *
 * <p>The endpoint accepts the subprotocol {@code bearer}, so that a browser can offer {@code ["bearer", token]}: the
 * handshake fails on the client's side unless the server selects one of the offered protocols.
 */
@ServerEndpoint(value = UserEndpoint.PATH, subprotocols = UserEndpoint.SUBPROTOCOL_BEARER,
        configurator = HandshakeConfigurator.class)
public class UserEndpoint extends ChannelEndpoint {

    /** The endpoint's path. */
    static final String PATH = "/user";
    /** The subprotocol a browser offers, followed by its token. */
    static final String SUBPROTOCOL_BEARER = "bearer";

    private static final String MESSAGE_READ_ONLY = "/user only sends; frames from clients are ignored";
    /** Close reason (with 1008): the user already holds as many connections as allowed. */
    static final String ERROR_TOO_MANY_CONNECTIONS = "too_many_connections";
    private static final Logger LOGGER = Logger.getLogger(UserEndpoint.class.getName());

    @Inject
    TokenExpiry expiry;

    @Inject
    ConnectionRegistry registry;

    @Inject
    SecurityConfiguration configuration;

    /**
     * @param session the new session, authenticated by the handshake
     * @throws IOException when closing an unauthenticated session fails
     */
    @OnOpen
    public void onOpen(Session session) throws IOException {
        if (!(session.getUserPrincipal() instanceof TokenPrincipal principal)) {
            // UserHandshakeFilter refuses these with 401; this only guards against it being left out.
            LOGGER.log(Level.WARNING, "An unauthenticated /user connection got past the handshake filter");
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "unauthenticated"));
            return;
        }
        Connection connection = lifecycle.open(session, Channel.USER, Membership.user(principal.getName()), Set.of());
        // Counted after registering, so two handshakes racing for the last place cannot both get it.
        if (registry.findByAudience(Audience.user(principal.getName())).size() > configuration.security().maxConnectionsPerUser()) {
            // No error frame: closing discards what is still queued, so the close reason carries the code.
            connection.close(ConnectionLifecycle.CLOSE_POLICY_VIOLATION, ERROR_TOO_MANY_CONNECTIONS);
            return;
        }
        expiry.watch(session, connection);
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
}
