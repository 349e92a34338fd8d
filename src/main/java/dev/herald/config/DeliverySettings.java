package dev.herald.config;

import dev.herald.delivery.OutboxLimits;
import dev.herald.delivery.OverflowPolicy;
import dev.herald.event.Channel;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery engine's settings, read from MicroProfile Config under {@code herald.delivery.*} and checked once at
 * start-up by {@link HeraldConfiguration}. Every setting has a default, listed in {@code docs/configuration.md}; a
 * value that cannot be used fails the start with an {@link InvalidSettingException} that names the setting.
 *
 * @param queue             the outbound queue limits and overflow policy of each channel; every channel is present
 * @param sendTimeout       how long one write may stay in flight before its channel's policy handles the connection
 * @param heartbeatInterval how often every connection is pinged
 * @param heartbeatTimeout  how long a connection may stay silent (no frame, no pong) before it is closed
 * @param firstPongTimeout  how long a new connection may take to answer its first ping (or send a frame) before it is
 *                          closed: a client that hung up during its handshake never does, and the container may not
 *                          have noticed it leave; at most {@code heartbeatTimeout}
 * @param sweepInterval     how often send timeouts and heartbeat timeouts are checked
 * @param batchWindow       the flush window of a batched event that does not name its own
 * @param batchMaxMessages  a batch is flushed early once it holds this many messages
 * @param batchMaxBytes     a batch is flushed early once its messages reach this many UTF-8 bytes
 */
public record DeliverySettings(Map<Channel, OutboxLimits> queue, Duration sendTimeout, Duration heartbeatInterval,
                               Duration heartbeatTimeout, Duration firstPongTimeout, Duration sweepInterval,
                               Duration batchWindow,
                               int batchMaxMessages, long batchMaxBytes) {

    /** Prefix of every delivery setting. */
    public static final String PREFIX = "herald.delivery.";
    /** Frames that may wait behind the one being written, per connection. */
    public static final String QUEUE_MAX_MESSAGES = PREFIX + "queue.max-messages";
    /** UTF-8 bytes that may wait behind the one being written, per connection. */
    public static final String QUEUE_MAX_BYTES = PREFIX + "queue.max-bytes";
    /** {@code disconnect} or {@code drop_oldest}; {@code herald.delivery.<channel>.overflow-policy} overrides it. */
    public static final String OVERFLOW_POLICY = PREFIX + "overflow-policy";
    /** Milliseconds one write may stay in flight. */
    public static final String SEND_TIMEOUT_MS = PREFIX + "send-timeout-ms";
    /** Milliseconds between pings. */
    public static final String HEARTBEAT_INTERVAL_MS = PREFIX + "heartbeat.interval-ms";
    /** Milliseconds a connection may stay silent. */
    public static final String HEARTBEAT_TIMEOUT_MS = PREFIX + "heartbeat.timeout-ms";
    /** Milliseconds a new connection may take to answer its first ping. */
    public static final String HEARTBEAT_FIRST_PONG_TIMEOUT_MS = PREFIX + "heartbeat.first-pong-timeout-ms";
    /** Default batch window in milliseconds. */
    public static final String BATCH_WINDOW_MS = PREFIX + "batch.window-ms";
    /** Messages that flush a batch early. */
    public static final String BATCH_MAX_MESSAGES = PREFIX + "batch.max-messages";
    /** UTF-8 bytes that flush a batch early. */
    public static final String BATCH_MAX_BYTES = PREFIX + "batch.max-bytes";

    static final int DEFAULT_QUEUE_MAX_MESSAGES = 1024;
    static final long DEFAULT_QUEUE_MAX_BYTES = 1024 * 1024;
    static final long DEFAULT_SEND_TIMEOUT_MS = 10_000;
    static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 25_000;
    static final long DEFAULT_HEARTBEAT_TIMEOUT_MS = 60_000;
    static final long DEFAULT_HEARTBEAT_FIRST_PONG_TIMEOUT_MS = 10_000;
    static final long DEFAULT_BATCH_WINDOW_MS = 50;
    static final int DEFAULT_BATCH_MAX_MESSAGES = 100;
    static final long DEFAULT_BATCH_MAX_BYTES = 64 * 1024;

    // The longest a timeout may go unnoticed past its deadline; sweeps run at least this often.
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final long MAX_MILLIS = Duration.ofDays(1).toMillis();

    /** The settings with every default, as if nothing were configured. */
    public static final DeliverySettings DEFAULTS = read(new SettingsSource(name -> Optional.empty()));

    /** @throws IllegalArgumentException when a value is out of range or a channel is missing from {@code queue} */
    public DeliverySettings {
        queue = Collections.unmodifiableMap(new EnumMap<>(queue));
        if (queue.size() != Channel.values().length) {
            throw new IllegalArgumentException("queue: give limits for every channel");
        }
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(firstPongTimeout, "firstPongTimeout");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(batchWindow, "batchWindow");
    }

    /**
     * Reads and checks every setting.
     *
     * @param source the raw values
     * @return the settings, with defaults for what is not set
     * @throws InvalidSettingException naming the first setting whose value cannot be used, and why
     */
    public static DeliverySettings read(SettingsSource source) {
        int maxMessages = (int) source.wholeNumber(QUEUE_MAX_MESSAGES, DEFAULT_QUEUE_MAX_MESSAGES, 1,
                Integer.MAX_VALUE);
        long maxBytes = source.wholeNumber(QUEUE_MAX_BYTES, DEFAULT_QUEUE_MAX_BYTES, 1, Long.MAX_VALUE);
        OverflowPolicy policy = source.choice(OVERFLOW_POLICY, OverflowPolicy.class, OverflowPolicy.DISCONNECT);
        Map<Channel, OutboxLimits> queue = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            String name = PREFIX + channel.wireName() + ".overflow-policy";
            queue.put(channel, new OutboxLimits(maxMessages, maxBytes, source.choice(name, OverflowPolicy.class, policy)));
        }

        Duration sendTimeout = source.millis(SEND_TIMEOUT_MS, DEFAULT_SEND_TIMEOUT_MS, 1, MAX_MILLIS);
        Duration interval = source.millis(HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT_INTERVAL_MS, 1, MAX_MILLIS);
        Duration timeout = source.millis(HEARTBEAT_TIMEOUT_MS, DEFAULT_HEARTBEAT_TIMEOUT_MS, 1, MAX_MILLIS);
        // A client needs at least one ping to answer before it can be called silent.
        if (timeout.compareTo(interval) <= 0) {
            throw new InvalidSettingException(HEARTBEAT_TIMEOUT_MS, "longer than " + HEARTBEAT_INTERVAL_MS + " ("
                    + interval.toMillis() + ") and at most " + MAX_MILLIS, String.valueOf(timeout.toMillis()));
        }
        // The default never exceeds a shorter heartbeat timeout than the usual one.
        Duration firstPong = source.millis(HEARTBEAT_FIRST_PONG_TIMEOUT_MS,
                Math.min(DEFAULT_HEARTBEAT_FIRST_PONG_TIMEOUT_MS, timeout.toMillis()), 1, timeout.toMillis());
        Duration window = source.millis(BATCH_WINDOW_MS, DEFAULT_BATCH_WINDOW_MS, 1, MAX_MILLIS);
        int batchMessages = (int) source.wholeNumber(BATCH_MAX_MESSAGES, DEFAULT_BATCH_MAX_MESSAGES, 1,
                Integer.MAX_VALUE);
        long batchBytes = source.wholeNumber(BATCH_MAX_BYTES, DEFAULT_BATCH_MAX_BYTES, 1, Long.MAX_VALUE);

        return new DeliverySettings(queue, sendTimeout, interval, timeout, firstPong,
                sweepInterval(sendTimeout, firstPong), window, batchMessages, batchBytes);
    }

    /**
     * @param channel a channel
     * @return the queue limits and overflow policy of its connections
     */
    public OutboxLimits limitsFor(Channel channel) {
        return queue.get(channel);
    }

    // A quarter of the shorter timeout, so a deadline is noticed at most 25% late, and never less often than 1 s. The
    // first-pong timeout is never longer than the heartbeat timeout, so it stands for both.
    private static Duration sweepInterval(Duration sendTimeout, Duration firstPongTimeout) {
        Duration shorter = sendTimeout.compareTo(firstPongTimeout) < 0 ? sendTimeout : firstPongTimeout;
        Duration quarter = shorter.dividedBy(4);
        Duration atLeast = quarter.isZero() ? Duration.ofMillis(1) : quarter;
        return atLeast.compareTo(MAX_SWEEP_INTERVAL) > 0 ? MAX_SWEEP_INTERVAL : atLeast;
    }
}
