package dev.herald.channel;

import dev.herald.registry.Connection;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends {@code /user} connections when the token they connected with expires: close code 1008, reason
 * {@value #REASON_TOKEN_EXPIRED}. Runs on the container's managed scheduled executor. Thread-safe.
 */
@ApplicationScoped
public class TokenExpiry {

    /** WebSocket close code 1008 (policy violation). */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** Close reason when a connection's token expires. */
    public static final String REASON_TOKEN_EXPIRED = "token_expired";

    private static final Logger LOGGER = Logger.getLogger(TokenExpiry.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    /**
     * @param connection a {@code /user} connection
     * @param expiresAt  when its token expires; a time already past closes it at once
     * @return the scheduled close; cancel it when the connection ends first
     */
    public Future<?> closeWhenExpired(Connection connection, Instant expiresAt) {
        long delayMillis = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        return scheduler.schedule(() -> expire(connection), delayMillis, TimeUnit.MILLISECONDS);
    }

    private static void expire(Connection connection) {
        if (connection.isOpen()) {
            LOGGER.log(Level.FINE, "Closing connection {0}: its token expired", connection.id());
            connection.close(CLOSE_POLICY_VIOLATION, REASON_TOKEN_EXPIRED);
        }
    }
}
