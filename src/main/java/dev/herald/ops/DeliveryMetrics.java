package dev.herald.ops;

import dev.herald.delivery.DeliveryMeter;
import dev.herald.delivery.Frame;
import dev.herald.event.Audience;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Herald's application metrics, served by MicroProfile Metrics at {@code /metrics} (Prometheus text, with
 * {@code mp_scope="application"}). Every metric exists from start-up, at zero, for every channel, so a dashboard or a
 * test can compare before and after.
 *
 * <ul>
 *   <li>{@value #CONNECTIONS} (gauge, per channel): open connections, read from the registry</li>
 *   <li>{@value #SENT} (counter, per channel): frames written to clients</li>
 *   <li>{@value #DROPPED} (counter, per channel and reason): frames never written, see {@link DeliveryMeter}</li>
 *   <li>{@value #FAILED} (counter, per channel and reason): writes the container reported as failed</li>
 *   <li>{@value #SLOW_CONSUMER_CLOSES} (counter, per channel): connections closed with 1013</li>
 *   <li>{@value #LARGEST_QUEUE} (gauge): the longest outbound queue on this instance, in frames</li>
 *   <li>{@value #LATENCY} (timer, per channel): from publication (the frame's encoding) to its write completing</li>
 *   <li>{@value #BATCH_SIZE} (histogram, per channel): messages in each batch frame sent, counted once per batch
 *       whatever the number of recipients</li>
 * </ul>
 *
 * Thread-safe; the per-frame path does an enum-map lookup and an atomic increment.
 */
@ApplicationScoped
public class DeliveryMetrics implements DeliveryMeter {

    /** Gauge: open connections per channel. */
    public static final String CONNECTIONS = "herald.connections.open";
    /** Counter: frames written per channel. */
    public static final String SENT = "herald.messages.sent";
    /** Counter: frames dropped per channel and reason. */
    public static final String DROPPED = "herald.messages.dropped";
    /** Counter: failed writes per channel and reason. */
    public static final String FAILED = "herald.messages.failed";
    /** Counter: slow-consumer closes per channel. */
    public static final String SLOW_CONSUMER_CLOSES = "herald.connections.slow.consumer.closes";
    /** Gauge: frames waiting in the longest outbound queue. */
    public static final String LARGEST_QUEUE = "herald.outbox.largest";
    /** Timer: publish-to-write latency per channel. */
    public static final String LATENCY = "herald.delivery.latency";
    /** Histogram: messages per batch frame, per channel. */
    public static final String BATCH_SIZE = "herald.batch.size";

    private static final String[] DROPPED_REASONS = {DROPPED_OVERFLOW, DROPPED_CLOSED};

    @Inject
    MetricRegistry metrics;

    @Inject
    ConnectionRegistry registry;

    private final Map<Channel, Counter> sent = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> droppedOverflow = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> droppedClosed = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> failedWrites = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> slowConsumerCloses = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);
    private final Map<Channel, Histogram> batchSize = new EnumMap<>(Channel.class);

    @PostConstruct
    void register() {
        for (Channel channel : Channel.values()) {
            Tag tag = channelTag(channel);
            Audience audience = Audience.channel(channel);
            metrics.gauge(describe(CONNECTIONS, "Open WebSocket connections", MetricUnits.NONE),
                    registry, r -> r.findByAudience(audience).size(), tag);
            sent.put(channel, metrics.counter(describe(SENT, "Frames written to clients", MetricUnits.NONE), tag));
            for (String reason : DROPPED_REASONS) {
                Counter counter = metrics.counter(describe(DROPPED, "Frames never written", MetricUnits.NONE),
                        tag, new Tag("reason", reason));
                (DROPPED_OVERFLOW.equals(reason) ? droppedOverflow : droppedClosed).put(channel, counter);
            }
            failedWrites.put(channel, metrics.counter(describe(FAILED, "Failed writes", MetricUnits.NONE),
                    tag, new Tag("reason", FAILED_WRITE)));
            slowConsumerCloses.put(channel, metrics.counter(
                    describe(SLOW_CONSUMER_CLOSES, "Connections closed with 1013 slow_consumer", MetricUnits.NONE), tag));
            latency.put(channel, metrics.timer(
                    describe(LATENCY, "From publication to the frame's write completing", MetricUnits.SECONDS), tag));
            batchSize.put(channel, metrics.histogram(
                    describe(BATCH_SIZE, "Messages per batch frame sent", MetricUnits.NONE), tag));
        }
        metrics.gauge(describe(LARGEST_QUEUE, "Frames waiting in the longest outbound queue", MetricUnits.NONE),
                registry, DeliveryMetrics::largestQueue);
    }

    // Registers the metrics while the application starts, so they read 0 before the first connection.
    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing to do: delivering the event created this bean, and @PostConstruct registered the metrics.
    }

    @Override
    public void written(Channel channel, Frame frame) {
        sent.get(channel).inc();
        latency.get(channel).update(Duration.ofNanos(System.nanoTime() - frame.createdNanos()));
    }

    @Override
    public void dropped(Channel channel, String reason, long frames) {
        (DROPPED_OVERFLOW.equals(reason) ? droppedOverflow : droppedClosed).get(channel).inc(frames);
    }

    @Override
    public void failed(Channel channel, String reason) {
        failedWrites.get(channel).inc();
    }

    @Override
    public void slowConsumerClosed(Channel channel) {
        slowConsumerCloses.get(channel).inc();
    }

    @Override
    public void batchSent(Channel channel, int messages) {
        batchSize.get(channel).update(messages);
    }

    private static int largestQueue(ConnectionRegistry registry) {
        int largest = 0;
        for (Channel channel : Channel.values()) {
            for (Connection connection : registry.findByAudience(Audience.channel(channel))) {
                largest = Math.max(largest, connection.outbox().waitingCount());
            }
        }
        return largest;
    }

    private static Tag channelTag(Channel channel) {
        return new Tag("channel", channel.wireName());
    }

    private static Metadata describe(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }
}
