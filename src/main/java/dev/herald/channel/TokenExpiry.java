package dev.herald.channel;

import dev.herald.registry.Connection;
import dev.herald.security.TokenPrincipal;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends connections that joined with a token ({@code /user}, and {@code /rooms} members with a token) when that token
 * expires: close code 1008, reason {@value #REASON_TOKEN_EXPIRED}. Runs on the container's managed scheduled
 * executor. Thread-safe.
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

    private static final String PROPERTY = TokenExpiry.class.getName();

    /**
     * Closes the connection when the token it joined with expires; does nothing for a connection without a token.
     * Call {@link #forget(Session)} when the connection ends first.
     *
     * @param session    the connection's session, whose principal is the token's when it joined with one
     * @param connection the connection
     */
    public void watch(Session session, Connection connection) {
        if (session.getUserPrincipal() instanceof TokenPrincipal principal) {
            session.getUserProperties().put(PROPERTY, closeWhenExpired(connection, principal.expiresAt()));
        }
    }

    /**
     * Cancels what {@link #watch} scheduled for a session that has ended.
     *
     * @param session the ended session
     */
    public void forget(Session session) {
        if (session.getUserProperties().remove(PROPERTY) instanceof Future<?> scheduled) {
            scheduled.cancel(false);
        }
    }

    /**
     * @param connection a connection that joined with a token
     * @param expiresAt  when its token expires; a time already past closes it at once
     * @return the scheduled close; cancel it when the connection ends first
     */
    Future<?> closeWhenExpired(Connection connection, Instant expiresAt) {
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
