package dev.herald.delivery;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link Scheduler} of the running application: the container's default managed scheduled executor, never a
 * thread of our own. A task that throws is logged as a WARNING naming the task and does not cancel anything else.
 * Thread-safe.
 */
@ApplicationScoped
public class ContainerScheduler implements Scheduler {

    private static final Logger LOGGER = Logger.getLogger(ContainerScheduler.class.getName());
    private static final Runnable NOTHING_TO_CANCEL = () -> { };

    @Resource
    ManagedScheduledExecutorService executor;

    @Override
    public Runnable schedule(Runnable task, long delayNanos) {
        try {
            Future<?> future = executor.schedule(guarded(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            // The application is shutting down; its connections are closing too.
            LOGGER.log(Level.FINE, "Not scheduling " + task + ": the executor refused it", e);
            return NOTHING_TO_CANCEL;
        }
    }

    /**
     * Runs a task again and again, the first time after one period.
     *
     * @param task   what to run
     * @param period the time between the starts of two runs
     * @return an action that stops the repetition
     */
    public Runnable repeat(Runnable task, Duration period) {
        long nanos = period.toNanos();
        Future<?> future = executor.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    // A periodic task that throws is never run again by a ScheduledExecutorService; a guard keeps it alive.
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Delivery task " + task + " failed; carrying on", e);
            }
        };
    }
}
