package dev.herald.job;

import dev.herald.cluster.JobClaims;
import dev.herald.config.HeraldConfiguration;
import dev.herald.delivery.ContainerScheduler;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo clock: with {@code herald.demo.tick-seconds} above 0, broadcasts
 * {@code {"type":"tick","at":"<ISO-8601 UTC>"}} to {@code /notifications} every that many seconds, once per tick for
 * the whole cluster.
 *
 * <p>Ticks fall on whole multiples of the period since the epoch, so every instance agrees on each tick's time
 * without talking to the others; {@link JobClaims} then grants each tick to one of them. When that instance dies, the
 * others go on claiming the next ticks. A run that comes late catches up on the ticks it missed, up to
 * {@value #MAX_CATCH_UP_TICKS} of them.
 */
@ApplicationScoped
public class DemoClock {

    /** The job's name in {@link JobClaims}. */
    static final String JOB = "demo-clock";

    private static final Logger LOGGER = Logger.getLogger(DemoClock.class.getName());
    private static final int MAX_CATCH_UP_TICKS = 10;
    private static final Audience NOTIFICATIONS = Audience.channel(Channel.NOTIFICATIONS);

    @Inject
    HeraldConfiguration configuration;

    @Inject
    ContainerScheduler scheduler;

    @Inject
    JobClaims claims;

    @Inject
    Event<BroadcastEvent> broadcasts;

    private Duration period = Duration.ZERO;
    private volatile Runnable cancel = () -> { };
    private volatile boolean stopped;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        period = configuration.operations().demoTickPeriod();
        if (period.isZero()) {
            return;
        }
        scheduleAfter(Instant.now());
        LOGGER.log(Level.INFO, "Herald demo clock: a tick to /notifications every {0} s", period.toSeconds());
    }

    @PreDestroy
    void stop() {
        stopped = true;
        cancel.run();
    }

    /**
     * @param after  any instant
     * @param period the period, at least a second
     * @return the first whole multiple of the period since the epoch that is strictly after {@code after}
     */
    static Instant nextTick(Instant after, Duration period) {
        long periodSeconds = period.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(after.getEpochSecond(), periodSeconds) * periodSeconds
                + periodSeconds);
    }

    private void scheduleAfter(Instant after) {
        if (stopped) {
            return;
        }
        Instant tick = nextTick(after, period);
        cancel = scheduler.schedule(() -> run(tick), Duration.between(Instant.now(), tick).toNanos());
    }

    private void run(Instant tick) {
        try {
            if (claims.claim(JOB, tick)) {
                String payload = Json.createObjectBuilder().add("type", "tick").add("at", tick.toString()).build()
                        .toString();
                broadcasts.fire(BroadcastEvent.to(NOTIFICATIONS).json(payload).build());
            }
        } finally {
            // A run held up, say while the grid notices a dead member, catches up on the ticks it missed, so clients
            // see no gap; after a longer stall (a suspended machine) it sends only the last few it missed.
            Instant oldestToCatchUp = Instant.now().minus(period.multipliedBy(MAX_CATCH_UP_TICKS));
            scheduleAfter(tick.isAfter(oldestToCatchUp) ? tick : oldestToCatchUp);
        }
    }
}
