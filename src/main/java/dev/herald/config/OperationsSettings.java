package dev.herald.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How Herald behaves towards the platform that runs it: how long a shutdown may spend delivering what is still
 * queued. Read under {@code herald.shutdown.*}; every setting is listed in {@code docs/configuration.md}.
 *
 * @param drainTimeout how long a graceful shutdown waits for queued frames to be written before it closes every
 *                     connection with 1001 anyway; zero closes at once
 */
public record OperationsSettings(Duration drainTimeout) {

    /** Milliseconds a shutdown waits for outbound queues to empty. */
    public static final String DRAIN_TIMEOUT_MS = "herald.shutdown.drain-timeout-ms";

    static final long DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
    // Kubernetes' default grace period is 30 s; ten minutes is far past any sensible bound and catches typos.
    static final long MAX_DRAIN_TIMEOUT_MS = 600_000;

    /** The settings with every default, as if nothing were configured. */
    public static final OperationsSettings DEFAULTS = new OperationsSettings(Duration.ofMillis(DEFAULT_DRAIN_TIMEOUT_MS));

    /** @throws NullPointerException when a value is missing */
    public OperationsSettings {
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    /**
     * Reads and checks every setting.
     *
     * @param source the raw values
     * @return the settings, with defaults for what is not set
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public static OperationsSettings read(SettingsSource source) {
        return new OperationsSettings(source.millis(DRAIN_TIMEOUT_MS, DEFAULT_DRAIN_TIMEOUT_MS, 0, MAX_DRAIN_TIMEOUT_MS));
    }
}
