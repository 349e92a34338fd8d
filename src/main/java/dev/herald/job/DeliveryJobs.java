package dev.herald.job;

import dev.herald.config.DeliverySettings;
import dev.herald.config.HeraldConfiguration;
import dev.herald.delivery.ContainerScheduler;
import dev.herald.registry.ConnectionRegistry;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the delivery engine's periodic work when the application starts: the heartbeat (a ping to every connection
 * at {@code herald.delivery.heartbeat.interval-ms}) and the sweep for stalled writes and silent clients. Both run on
 * the container's managed scheduled executor and stop with the application.
 *
 * <p>Reading the settings here also makes a bad {@code herald.delivery.*} value fail the deployment at once, with a
 * message naming the setting, instead of at the first connection.
 */
@ApplicationScoped
public class DeliveryJobs {

    private static final Logger LOGGER = Logger.getLogger(DeliveryJobs.class.getName());

    @Inject
    HeraldConfiguration configuration;

    @Inject
    ConnectionRegistry registry;

    @Inject
    ContainerScheduler scheduler;

    private final List<Runnable> cancels = new ArrayList<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        DeliverySettings settings = configuration.delivery();
        ConnectionSweeper sweeper = new ConnectionSweeper(settings);

        cancels.add(scheduler.repeat(() -> sweeper.ping(registry.all(), System.nanoTime()),
                settings.heartbeatInterval()));
        cancels.add(scheduler.repeat(() -> sweeper.sweep(registry.all(), System.nanoTime()),
                settings.sweepInterval()));
        LOGGER.log(Level.INFO, "Herald delivery: heartbeat every {0,number,#} ms, silent connections closed after "
                        + "{1,number,#} ms (new ones never heard from after {2,number,#} ms), send timeout "
                        + "{3,number,#} ms",
                new Object[] {settings.heartbeatInterval().toMillis(), settings.heartbeatTimeout().toMillis(),
                        settings.firstPongTimeout().toMillis(), settings.sendTimeout().toMillis()});
    }

    @PreDestroy
    void stop() {
        cancels.forEach(Runnable::run);
    }
}
