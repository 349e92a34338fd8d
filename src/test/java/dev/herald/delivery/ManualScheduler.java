package dev.herald.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on a virtual clock: tasks run only when a test advances time, in due order, on its thread. */
public final class ManualScheduler implements Scheduler {

    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;
    private long sequence;

    @Override
    public synchronized Runnable schedule(Runnable task, long delayNanos) {
        Task scheduled = new Task(nowNanos + Math.max(0, delayNanos), sequence++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (this) {
                tasks.remove(scheduled);
            }
        };
    }

    /**
     * Moves the clock forward, running every task that falls due on the way, each at its own time.
     *
     * @param millis how far
     */
    public void advanceMillis(long millis) {
        long target = nowNanos + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueNanos <= target)
                        .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::sequence)).orElse(null);
                if (next == null) {
                    nowNanos = target;
                    return;
                }
                tasks.remove(next);
                nowNanos = next.dueNanos;
            }
            next.task.run();
        }
    }

    /** @return how many tasks wait to run */
    public synchronized int pending() {
        return tasks.size();
    }

    private record Task(long dueNanos, long sequence, Runnable task) {
    }
}
