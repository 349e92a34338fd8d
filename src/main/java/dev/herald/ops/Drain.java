package dev.herald.ops;

import dev.herald.config.HeraldConfiguration;
import dev.herald.event.Audience;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes this instance out of service without dropping what its clients are owed: it stops taking new connections,
 * waits (up to {@code herald.shutdown.drain-timeout-ms}) until every outbound queue is written, then closes every
 * connection with 1001 {@value #REASON_GOING_AWAY} and gives the clients up to half a second, within the same
 * timeout, to answer the close. Clients reconnect, and a load balancer sends them elsewhere.
 *
 * <p>It runs once, when the application is being stopped (SIGTERM to Payara Micro, an undeploy); from the moment it
 * starts, {@link #isDraining()} is {@code true}, which turns readiness DOWN and refuses WebSocket handshakes.
 * Thread-safe.
 */
@ApplicationScoped
public class Drain {

    /** WebSocket close code 1001 (going away): the server is shutting down. */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** Close reason sent with {@link #CLOSE_GOING_AWAY}. */
    public static final String REASON_GOING_AWAY = "going_away";

    private static final Logger LOGGER = Logger.getLogger(Drain.class.getName());
    // How often the drain looks at the queues again; short against any sensible drain timeout.
    private static final long POLL_MILLIS = 20;
    // How long, within the drain timeout, the clients get to answer the 1001 before the server goes on stopping.
    private static final Duration CLOSE_HANDSHAKE_GRACE = Duration.ofMillis(500);

    private final AtomicBoolean draining = new AtomicBoolean();

    @Inject
    ConnectionRegistry registry;

    @Inject
    HeraldConfiguration configuration;

    /** @return whether this instance is draining or has drained: it takes no new connections */
    public boolean isDraining() {
        return draining.get();
    }

    // CDI's last word before the application's beans go. ShutdownListener usually gets here first; whichever of the
    // two runs first drains, the other finds it done.
    void beforeShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object context) {
        drain("application scope ending");
    }

    /**
     * Drains this instance, once: later calls return at once. Blocks the calling thread for at most the drain timeout
     * and the time it takes to close the connections.
     *
     * @param trigger what started it, for the log
     * @return how many connections were closed with 1001; 0 when it had already run
     */
    public int drain(String trigger) {
        if (!draining.compareAndSet(false, true)) {
            return 0;
        }
        Duration timeout = configuration.operations().drainTimeout();
        List<Connection> connections = openConnections();
        LOGGER.log(Level.INFO, "Draining {0} connections ({1}), waiting up to {2} ms for their queues",
                new Object[] {connections.size(), trigger, timeout.toMillis()});

        long started = System.nanoTime();
        boolean flushed = awaitFlushed(connections, started + timeout.toNanos());
        int closed = closeAll(connections);
        // A handshake that passed the gate just before draining began may have registered since the snapshot.
        closed += closeAll(openConnections());
        if (closed > 0) {
            awaitCloseHandshakes(started + timeout.toNanos());
        }

        LOGGER.log(Level.INFO, "Drained: closed {0} connections with 1001 after {1} ms; queues {2}",
                new Object[] {closed, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                        flushed ? "written" : "not all written within the timeout"});
        return closed;
    }

    // The clients answer 1001 with their own close frame. A server that stops at once resets the sockets that still
    // hold an unread answer, and a reset can drop the 1001 before the client has read it (seen as 1006 under load).
    private static void awaitCloseHandshakes(long deadlineNanos) {
        long graceNanos = Math.min(CLOSE_HANDSHAKE_GRACE.toNanos(), deadlineNanos - System.nanoTime());
        if (graceNanos <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(graceNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Connection> openConnections() {
        List<Connection> connections = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            connections.addAll(registry.findByAudience(Audience.channel(channel)));
        }
        return connections;
    }

    private static boolean awaitFlushed(List<Connection> connections, long deadlineNanos) {
        while (!allFlushed(connections)) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean allFlushed(List<Connection> connections) {
        long now = System.nanoTime();
        for (Connection connection : connections) {
            boolean idle = connection.outbox().waitingCount() == 0 && connection.outbox().writeAgeNanos(now) == 0;
            if (connection.isOpen() && !idle) {
                return false;
            }
        }
        return true;
    }

    // One connection that fails to close must not keep the others from their 1001.
    private static int closeAll(List<Connection> connections) {
        int closed = 0;
        for (Connection connection : connections) {
            if (connection.isOpen()) {
                try {
                    connection.close(CLOSE_GOING_AWAY, REASON_GOING_AWAY);
                    closed++;
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "Closing connection " + connection.id() + " while draining failed", e);
                }
            }
        }
        return closed;
    }
}
