package dev.herald.channel;

import dev.herald.config.HeraldConfiguration;
import dev.herald.delivery.DeliveryMeter;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;
import dev.herald.registry.Membership;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every channel endpoint does when a connection opens, closes or fails: it creates the {@link Connection},
 * greets the client, registers it, and makes sure it leaves the registry exactly once, however it ends.
 */
@ApplicationScoped
public class ConnectionLifecycle {

    private static final Logger LOGGER = Logger.getLogger(ConnectionLifecycle.class.getName());
    private static final String CONNECTION_PROPERTY = Connection.class.getName();

    /** Close reason after the container reported an error on a connection. */
    public static final String REASON_CONNECTION_ERROR = "connection_error";

    @Inject
    ConnectionRegistry registry;

    @Inject
    HeraldConfiguration configuration;

    @Inject
    DeliveryMeter meter;

    /**
     * Opens a connection on a channel: queues its {@code connected} frame first, then registers it, so no broadcast
     * can reach the client before its greeting; the greeting is only written once the connection is registered, so a
     * client that has its greeting can count on receiving every broadcast fired from then on.
     *
     * @param session the new session
     * @param channel the endpoint's channel
     * @return the registered connection
     */
    public Connection open(Session session, Channel channel) {
        return open(session, channel, Membership.NONE, Set.of());
    }

    /**
     * Opens a connection that belongs to a room or a user, or subscribes to topics, the same way as
     * {@link #open(Session, Channel)}: greeting first, then registration.
     *
     * @param session    the new session
     * @param channel    the endpoint's channel
     * @param membership the room or user it belongs to
     * @param topics     valid topic names it subscribes to from the start
     * @return the registered connection
     */
    public Connection open(Session session, Channel channel, Membership membership, Set<String> topics) {
        Connection connection = new Connection(UUID.randomUUID().toString(), channel, membership,
                new SessionTransport(session), configuration.delivery().limitsFor(channel), registry::remove, meter);
        session.getUserProperties().put(CONNECTION_PROPERTY, connection);

        connection.outbox().hold();
        connection.send(ServerFrames.connected(connection, topics));
        registry.register(connection, topics);
        connection.outbox().release();

        LOGGER.log(Level.FINE, "Opened connection {0} on {1}", new Object[] {connection.id(), channel.wireName()});
        return connection;
    }

    /**
     * @param session a session
     * @return the connection opened for it, or empty when it never finished opening
     */
    public Optional<Connection> connectionOf(Session session) {
        return Optional.ofNullable((Connection) session.getUserProperties().get(CONNECTION_PROPERTY));
    }

    /**
     * Records that the client of a session just showed it is there: it sent a frame or answered a ping. Every
     * endpoint calls this for every frame it receives, so that the heartbeat sweep never closes a talking client.
     *
     * @param session the session
     * @return its connection, or empty when it never finished opening
     */
    public Optional<Connection> active(Session session) {
        Optional<Connection> connection = connectionOf(session);
        connection.ifPresent(open -> open.markActive(System.nanoTime()));
        return connection;
    }

    /**
     * Records that a session has closed, for whatever reason.
     *
     * @param session the session
     */
    public void closed(Session session) {
        connectionOf(session).ifPresent(connection -> {
            connection.ended();
            LOGGER.log(Level.FINE, "Closed connection {0} on {1}",
                    new Object[] {connection.id(), connection.channel().wireName()});
        });
    }

    /**
     * Records that a session failed. The connection is ended and closed; a client that vanished is normal and logged
     * at FINE.
     *
     * @param session the session
     * @param failure what the container reported
     */
    public void failed(Session session, Throwable failure) {
        connectionOf(session).ifPresent(connection -> {
            if (LOGGER.isLoggable(Level.FINE)) {
                LOGGER.log(Level.FINE, "Connection " + connection.id() + " failed", failure);
            }
            connection.close(Connection.CLOSE_UNEXPECTED_CONDITION, REASON_CONNECTION_ERROR);
        });
    }
}
