package dev.herald.job;

import dev.herald.cluster.JobClaims;
import dev.herald.domain.OrderService;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An EJB timer that processes pending orders every second. It runs with no caller and no request: the broadcasts it
 * causes go through the same {@code BroadcastEvent} path as everything else. A singleton's default write lock keeps
 * two runs from overlapping on one instance, and {@link JobClaims} gives each second to one instance of the cluster.
 */
@Singleton
public class OrderProcessor {

    private static final Logger LOGGER = Logger.getLogger(OrderProcessor.class.getName());

    static final String JOB = "order-processor";

    @Inject
    OrderService orders;

    @Inject
    JobClaims claims;

    // The service runs its own transaction; the timer's would only outlive a failure and fail again on commit.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "process pending orders")
    void processPendingOrders() {
        if (!claims.claim(JOB, Instant.now().truncatedTo(ChronoUnit.SECONDS))) {
            return;
        }
        try {
            int processed = orders.processPending();
            if (processed > 0) {
                LOGGER.log(Level.FINE, "Processed {0} orders", processed);
            }
        } catch (RuntimeException e) {
            // Contained so that one bad run does not disturb the timer; the next second tries again.
            LOGGER.log(Level.WARNING, "OrderProcessor: processing pending orders failed", e);
        }
    }
}
