package dev.herald.cluster;

import dev.herald.broadcast.LocalFanOut;
import dev.herald.delivery.Frame;
import dev.herald.event.Audience;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries every frame this instance sends to the other instances of the cluster, and delivers theirs here.
 *
 * <p>Frames travel on one Hazelcast topic, {@value #TOPIC}. What is published is the frame as it leaves this
 * instance's throttle and batch stages, so every instance sends the same frames; the receiving instances only fan
 * out. Hazelcast hands a member's messages to each listener in the order that member published them, so events fired
 * from one thread reach every connection in firing order on every instance. A message comes back to the instance
 * that published it too; that copy is ignored, because the local connections already have the frame.
 *
 * <p>Without a grid, or while this instance is alone in it, nothing is published.
 */
@ApplicationScoped
public class ClusterRelay {

    /** The Hazelcast topic every Herald instance of a cluster publishes its frames on. */
    public static final String TOPIC = "herald.frames";

    private static final Logger LOGGER = Logger.getLogger(ClusterRelay.class.getName());

    @Inject
    Grid grid;

    @Inject
    LocalFanOut fanOut;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile ITopic<String[]> topic;
    private UUID listener;

    // Started with the application, not with the first broadcast: an instance that never fires must still receive.
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        grid.hazelcast().ifPresent(this::subscribe);
    }

    private void subscribe(HazelcastInstance hazelcast) {
        ITopic<String[]> frames = hazelcast.getTopic(TOPIC);
        listener = frames.addMessageListener(this::onMessage);
        topic = frames;
        LOGGER.log(Level.INFO, "Herald cluster: relaying broadcasts on topic {0}; {1} instance(s) in the cluster",
                new Object[] {TOPIC, grid.members()});
    }

    @PreDestroy
    void stop() {
        ITopic<String[]> frames = topic;
        topic = null;
        if (frames != null) {
            try {
                frames.removeMessageListener(listener);
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "The grid stopped before Herald's listener was removed", e);
            }
        }
    }

    /**
     * Sends a frame to the other instances, which deliver it to their own connections of the audience. Returns at
     * once: the grid sends in the background.
     *
     * @param audience the recipients
     * @param frame    the frame, already encoded
     * @param excluded the id of a connection that must not receive it, or {@code null}
     */
    public void publish(Audience audience, Frame frame, String excluded) {
        ITopic<String[]> frames = topic;
        if (frames == null || grid.members() < 2) {
            return;
        }
        try {
            frames.publish(new ClusterMessage(audience, frame.text(), excluded).toWire());
            published.incrementAndGet();
        } catch (RuntimeException e) {
            // The grid is stopping or this member has lost it: the local connections have the frame already.
            failed.incrementAndGet();
            LOGGER.log(Level.WARNING, "Herald cluster: a frame could not be sent to the other instances: " + e);
        }
    }

    /** @return how many frames this instance has sent to the cluster since start-up */
    public long publishedCount() {
        return published.get();
    }

    /** @return how many frames from other instances were delivered here since start-up */
    public long receivedCount() {
        return received.get();
    }

    /** @return how many frames could not be sent, or were received but not understood, since start-up */
    public long failedCount() {
        return failed.get();
    }

    private void onMessage(Message<String[]> message) {
        if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
            return;
        }
        try {
            ClusterMessage frame = ClusterMessage.fromWire(message.getMessageObject());
            fanOut.deliver(frame.audience(), Frame.of(frame.text()), frame.excluded());
            received.incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOGGER.log(Level.WARNING, "Herald cluster: a frame from " + message.getPublishingMember()
                    + " was not delivered: " + e.getMessage());
        }
    }
}
