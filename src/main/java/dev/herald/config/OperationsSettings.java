package dev.herald.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How Herald behaves towards the platform that runs it: how long a shutdown may spend delivering what is still
 * queued, and whether the demo clock ticks. Read under {@code herald.shutdown.*} and {@code herald.demo.*}; every
 * setting is listed in {@code docs/configuration.md}.
 *
 * @param drainTimeout    how long a graceful shutdown waits for queued frames to be written before it closes every
 *                        connection with 1001 anyway; zero closes at once
 * @param demoTickPeriod  how often the demo clock broadcasts a tick to {@code /notifications}; zero turns it off
 */
public record OperationsSettings(Duration drainTimeout, Duration demoTickPeriod) {

    /** Milliseconds a shutdown waits for outbound queues to empty. */
    public static final String DRAIN_TIMEOUT_MS = "herald.shutdown.drain-timeout-ms";

    /** Seconds between two ticks of the demo clock; 0 turns it off. */
    public static final String DEMO_TICK_SECONDS = "herald.demo.tick-seconds";

    static final long DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
    // Kubernetes' default grace period is 30 s; ten minutes is far past any sensible bound and catches typos.
    static final long MAX_DRAIN_TIMEOUT_MS = 600_000;
    // A day: a clock that ticks less often than that is no demonstration of anything.
    static final long MAX_DEMO_TICK_SECONDS = 86_400;

    /** The settings with every default, as if nothing were configured. */
    public static final OperationsSettings DEFAULTS =
            new OperationsSettings(Duration.ofMillis(DEFAULT_DRAIN_TIMEOUT_MS), Duration.ZERO);

    /** @throws NullPointerException when a value is missing */
    public OperationsSettings {
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(demoTickPeriod, "demoTickPeriod");
    }

    /**
     * Reads and checks every setting.
     *
     * @param source the raw values
     * @return the settings, with defaults for what is not set
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public static OperationsSettings read(SettingsSource source) {
        return new OperationsSettings(source.millis(DRAIN_TIMEOUT_MS, DEFAULT_DRAIN_TIMEOUT_MS, 0, MAX_DRAIN_TIMEOUT_MS),
                Duration.ofSeconds(source.wholeNumber(DEMO_TICK_SECONDS, 0, 0, MAX_DEMO_TICK_SECONDS)));
    }
}
