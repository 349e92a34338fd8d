package dev.herald.delivery;

/**
 * Runs a task once, later. The delivery engine's timers (throttle windows, batch windows) go through this, so that
 * production code runs them on a container-managed executor and tests on a clock they control.
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * @param task       what to run; a task that throws is logged and does not stop other tasks
     * @param delayNanos how long from now, in nanoseconds; 0 or less runs it as soon as possible
     * @return an action that cancels the task if it has not started yet; calling it later does nothing
     */
    Runnable schedule(Runnable task, long delayNanos);
}
