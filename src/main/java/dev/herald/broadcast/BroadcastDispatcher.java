package dev.herald.broadcast;

import dev.herald.cluster.ClusterRelay;
import dev.herald.config.DeliverySettings;
import dev.herald.config.HeraldConfiguration;
import dev.herald.delivery.ContainerScheduler;
import dev.herald.delivery.DeliveryMeter;
import dev.herald.delivery.Frame;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;
import dev.herald.event.Delivery;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Turns each {@link BroadcastEvent} into sends to the connections of its audience, on this instance and, through the
 * {@link ClusterRelay}, on every other instance of the cluster.
 *
 * <p>The payload is encoded once per event. Each recipient's frame is queued on that connection's own outbox, so the
 * firing thread never waits for a client, and events fired from one thread reach each connection in firing order.
 * A connection that fails or falls behind is closed on its own; the others are not affected.
 *
 * <p>The event's {@link Delivery} option is applied here, where the event is dispatched: a throttled event may be held
 * for the end of its interval or dropped ({@link Throttler}), a batched one waits in its audience's batch
 * ({@link Batcher}). An immediate event first sends out the open batch of its audience, so it never overtakes batched
 * events fired before it. Held events and batches go out on the container's managed scheduled executor.
 *
 * <p>Events fired with {@code Event.fire} inside a JTA transaction go out after the commit and never after a rollback
 * (a transactional observer); outside a transaction they go out at once, on the firing thread. Events fired with
 * {@code Event.fireAsync} go out on the container's async thread, with no ordering between them.
 *
 * <p>Throttling and batching are decided here, on the instance where the event was fired: what leaves these stages is
 * the frame every instance sends, so clients see the same stream wherever they are connected.
 */
@ApplicationScoped
public class BroadcastDispatcher {

    @Inject
    LocalFanOut fanOut;

    @Inject
    ClusterRelay cluster;

    @Inject
    PayloadEncoder encoder;

    @Inject
    HeraldConfiguration configuration;

    @Inject
    ContainerScheduler scheduler;

    @Inject
    DeliveryMeter meter;

    private Throttler<Outgoing> throttler;
    private Batcher batcher;
    private DeliverySettings settings;

    @PostConstruct
    void createDeliveryStages() {
        settings = configuration.delivery();
        throttler = new Throttler<>(scheduler, this::send);
        batcher = new Batcher(scheduler, (key, frame, messages) -> sendBatch((BatchKey) key, frame, messages),
                settings.batchMaxMessages(), settings.batchMaxBytes());
    }

    void onBroadcast(@Observes(during = TransactionPhase.AFTER_SUCCESS) BroadcastEvent event) {
        dispatch(event);
    }

    void onAsyncBroadcast(@ObservesAsync BroadcastEvent event) {
        dispatch(event);
    }

    /**
     * Sends an event to its audience now, or hands it to its throttle or batch, ignoring any transaction.
     *
     * @param event the event
     * @return how many connections of this instance the event's frame was queued for now; 0 when no one in the
     *         audience is connected here, and 0 for a throttled event that was held or dropped and for every batched
     *         event
     * @throws IllegalArgumentException when the payload cannot be encoded
     */
    public int dispatch(BroadcastEvent event) {
        Frame frame = encoder.encode(event.payload());
        String excluded = event.excludedConnectionId().orElse(null);
        BatchKey batchKey = new BatchKey(event.audience(), excluded);

        return switch (event.delivery()) {
            case Delivery.Immediate immediate -> {
                batcher.flush(batchKey);
                yield send(new Outgoing(event.audience(), frame, excluded));
            }
            case Delivery.Throttled throttled -> throttler.offer(throttleKey(event, throttled),
                    new Outgoing(event.audience(), frame, excluded), throttled.interval().toNanos(), throttled.mode());
            case Delivery.Batched batched -> {
                batcher.add(batchKey, frame, batched.windowOr(settings.batchWindow()).toNanos());
                yield 0;
            }
        };
    }

    /** @return how many throttled events were replaced by a later one (mode {@code latest}) since start-up */
    public long throttleReplacedCount() {
        return throttler.replacedCount();
    }

    /** @return how many throttled events were dropped (mode {@code drop}) since start-up */
    public long throttleDroppedCount() {
        return throttler.droppedCount();
    }

    private int send(Outgoing outgoing) {
        int recipients = fanOut.deliver(outgoing.audience(), outgoing.frame(), outgoing.excluded());
        cluster.publish(outgoing.audience(), outgoing.frame(), outgoing.excluded());
        return recipients;
    }

    // Every batch frame comes through here, once per batch whatever the number of recipients.
    private void sendBatch(BatchKey key, Frame frame, int messages) {
        meter.batchSent(key.channel(), messages);
        send(key.toOutgoing(frame));
    }

    private static Object throttleKey(BroadcastEvent event, Delivery.Throttled throttled) {
        return throttled.key() == null ? event.audience() : new NamedKey(throttled.key());
    }

    /** One encoded frame on its way to an audience. */
    private record Outgoing(Audience audience, Frame frame, String excluded) {
    }

    /** Batched events share a frame only when they have the same recipients. */
    private record BatchKey(Audience audience, String excluded) {

        Outgoing toOutgoing(Frame frame) {
            return new Outgoing(audience, frame, excluded);
        }

        Channel channel() {
            return switch (audience) {
                case Audience.Everyone everyone -> everyone.channel();
                case Audience.Room room -> Channel.ROOMS;
                case Audience.Users users -> Channel.USER;
                case Audience.Topic topic -> Channel.FEED;
            };
        }
    }

    /** A throttle key chosen by the caller; never equal to an audience. */
    private record NamedKey(String name) {
    }
}
