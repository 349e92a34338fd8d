package dev.herald.job;

import dev.herald.config.DeliverySettings;
import dev.herald.registry.Connection;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic checks that find connections the container cannot: writes that never complete (Tyrus has no send
 * timeout of its own) and clients that went silent without a close frame (power loss, a dropped network). It holds
 * no state of its own and never waits for a client, so it is safe to run from any thread, as often as needed.
 */
public final class ConnectionSweeper {

    /** WebSocket close code 1001 (going away): the client stopped answering, so Herald lets it go. */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** Close reason sent with {@link #CLOSE_GOING_AWAY} when a client was silent past the heartbeat timeout. */
    public static final String REASON_HEARTBEAT_TIMEOUT = "heartbeat_timeout";

    private static final Logger LOGGER = Logger.getLogger(ConnectionSweeper.class.getName());
    private static final String LOG_SILENT = "Closing connection {0} on {1}: silent for {2} ms";
    private static final String LOG_STALLED = "Connection {0} on {1}: a write has been in flight for over {2} ms";

    private final long sendTimeoutNanos;
    private final long heartbeatTimeoutNanos;
    private final long firstPongTimeoutNanos;

    /** @param settings the send, heartbeat and first-pong timeouts to enforce */
    public ConnectionSweeper(DeliverySettings settings) {
        this.sendTimeoutNanos = settings.sendTimeout().toNanos();
        this.heartbeatTimeoutNanos = settings.heartbeatTimeout().toNanos();
        this.firstPongTimeoutNanos = settings.firstPongTimeout().toNanos();
    }

    /**
     * Checks each connection once: a write in flight past the send timeout is handled by the channel's overflow
     * policy ({@link dev.herald.delivery.Outbox#expireStalledWrite}); a connection silent past the heartbeat timeout, or
     * one that has never been heard from past the first-pong timeout, is closed with {@link #CLOSE_GOING_AWAY} and
     * leaves the registry. Connections that have ended are skipped.
     *
     * @param connections the connections to check, typically every connection on this instance
     * @param nowNanos    the current {@link System#nanoTime()}
     * @return how many connections were closed as silent
     */
    public int sweep(Iterable<Connection> connections, long nowNanos) {
        int closed = 0;
        for (Connection connection : connections) {
            if (!connection.isOpen()) {
                continue;
            }
            if (connection.outbox().expireStalledWrite(nowNanos, sendTimeoutNanos)) {
                LOGGER.log(Level.FINE, LOG_STALLED, new Object[] {connection.id(), connection.channel().wireName(),
                        sendTimeoutNanos / 1_000_000});
            }
            long silentNanos = nowNanos - connection.lastActivityNanos();
            long allowedNanos = connection.heardFrom() ? heartbeatTimeoutNanos : firstPongTimeoutNanos;
            if (silentNanos > allowedNanos && connection.isOpen()) {
                LOGGER.log(Level.FINE, LOG_SILENT, new Object[] {connection.id(), connection.channel().wireName(),
                        silentNanos / 1_000_000});
                connection.close(CLOSE_GOING_AWAY, REASON_HEARTBEAT_TIMEOUT);
                closed++;
            }
        }
        return closed;
    }

    /**
     * Pings every open connection whose writes are moving. A connection with a write stuck past the send timeout is
     * not pinged: the ping would only queue behind that write, and the connection is handled by the send timeout or,
     * when it stays silent, by the heartbeat timeout.
     *
     * @param connections the connections to ping
     * @param nowNanos    the current {@link System#nanoTime()}
     * @return how many were pinged
     */
    public int ping(Iterable<Connection> connections, long nowNanos) {
        int pinged = 0;
        for (Connection connection : connections) {
            if (connection.isOpen() && connection.outbox().writeAgeNanos(nowNanos) <= sendTimeoutNanos) {
                connection.ping();
                pinged++;
            }
        }
        return pinged;
    }
}
