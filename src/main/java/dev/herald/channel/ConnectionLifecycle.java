package dev.herald.channel;

import dev.herald.config.HeraldConfiguration;
import dev.herald.config.SecurityConfiguration;
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
    private static final String GUARD_PROPERTY = InboundGuard.class.getName();
    private static final String MESSAGE_RATE_LIMITED = "too many frames: this one and any more sent too fast are dropped;"
            + " keep sending this fast and the connection is closed";

    /** Close reason after the container reported an error on a connection. */
    public static final String REASON_CONNECTION_ERROR = "connection_error";
    /** Close reason (with 1008) and error code: the client kept sending faster than its rate limit. */
    public static final String REASON_RATE_LIMITED = "rate_limited";
    /** Close reason (with 1009): the client sent a frame larger than the inbound limit. */
    public static final String REASON_TOO_BIG = "frame_too_large";
    /** WebSocket close code 1008 (policy violation). */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** WebSocket close code 1009 (message too big). */
    public static final int CLOSE_TOO_BIG = 1009;

    @Inject
    ConnectionRegistry registry;

    @Inject
    HeraldConfiguration configuration;

    @Inject
    DeliveryMeter meter;

    @Inject
    SecurityConfiguration security;

    @Inject
    SocketRelease socketRelease;

    /**
     * Opens a connection on a channel: queues its {@code connected} frame first, then registers it, so no broadcast
     * can reach the client before its greeting; the greeting is only written once the connection is registered, so a
     * client that has its greeting can count on receiving every broadcast fired from then on. Then pings the client,
     * which must answer within the first-pong timeout.
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
                new SessionTransport(session, () -> socketRelease.releaseLater(session)),
                configuration.delivery().limitsFor(channel), registry::remove, meter);
        session.getUserProperties().put(CONNECTION_PROPERTY, connection);
        session.getUserProperties().put(GUARD_PROPERTY, new InboundGuard(security.security(), channel, System.nanoTime()));

        connection.outbox().hold();
        connection.send(ServerFrames.connected(connection, topics));
        registry.register(connection, topics);
        connection.outbox().release();
        // A first ping for the client to answer at once. Works around Payara Micro 7.2026.11 (Tyrus 2.2): when the
        // client's end of stream arrives before the upgrade completes, the container upgrades anyway and never
        // notices that the client left, and a failed ping is invisible through the Jakarta API. Such a client never
        // answers; the heartbeat sweep closes a connection never heard from after the first-pong timeout.
        connection.ping();

        if (!session.isOpen()) {
            // The client hung up while we were opening: @OnClose may have run before the connection was attached
            // to the session and found nothing to end.
            connection.ended();
        }

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
     * Decides whether a client's text frame may be handled, and acts on a refusal: a frame over the inbound size limit
     * closes the connection with 1009 {@value #REASON_TOO_BIG}; a frame over the connection's rate is dropped, the
     * first of a run with a {@code rate_limited} error frame; a client that keeps exceeding its rate is closed with
     * 1008 {@value #REASON_RATE_LIMITED}. Every endpoint calls this first in {@code @OnMessage}.
     *
     * @param session the sending session
     * @param text    the frame
     * @return the connection, when the frame may be handled; empty when it must be dropped
     */
    public Optional<Connection> admit(Session session, String text) {
        // Any frame shows the client is there, even one that is refused below.
        Optional<Connection> connection = active(session);
        if (connection.isEmpty() || !(session.getUserProperties().get(GUARD_PROPERTY) instanceof InboundGuard guard)) {
            return Optional.empty();
        }
        switch (guard.judge(text, System.nanoTime())) {
            case ACCEPT -> {
                return connection;
            }
            case DROP_AND_WARN -> connection.get().send(ServerFrames.error(REASON_RATE_LIMITED, MESSAGE_RATE_LIMITED));
            case DROP -> {
                // Told already during this run of excess.
            }
            case CLOSE_RATE -> close(connection.get(), CLOSE_POLICY_VIOLATION, REASON_RATE_LIMITED);
            case CLOSE_TOO_BIG -> close(connection.get(), CLOSE_TOO_BIG, REASON_TOO_BIG);
        }
        return Optional.empty();
    }

    private static void close(Connection connection, int code, String reason) {
        LOGGER.log(Level.FINE, "Closing connection {0}: {1}", new Object[] {connection.id(), reason});
        connection.close(code, reason);
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
