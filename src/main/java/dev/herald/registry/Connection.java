package dev.herald.registry;

import dev.herald.delivery.DeliveryMeter;
import dev.herald.delivery.Frame;
import dev.herald.delivery.Outbox;
import dev.herald.delivery.OutboxLimits;
import dev.herald.delivery.Transport;
import dev.herald.event.Channel;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket connection as Herald sees it: its id, its channel, what it belongs to (a room or a user, fixed
 * at open; topics, which change through the {@link ConnectionRegistry}), and its own outbound queue. Frames sent to
 * it go out in the order they were sent, one write at a time, without making the sender wait.
 *
 * <p>A connection ends exactly once, whoever ends it: the client, the container, or Herald (a slow client, a failed
 * write). On that end it discards what was still waiting and tells the end listener given at construction, which is
 * how the registry forgets it. Thread-safe.
 */
public final class Connection {

    /** WebSocket close code 1013 (try again later): the client did not read fast enough. */
    public static final int CLOSE_TRY_AGAIN_LATER = 1013;
    /** Close reason sent with {@link #CLOSE_TRY_AGAIN_LATER} when the outbound queue overflowed. */
    public static final String REASON_SLOW_CONSUMER = "slow_consumer";
    /** WebSocket close code 1011 (unexpected condition): a write to the client failed. */
    public static final int CLOSE_UNEXPECTED_CONDITION = 1011;
    /** Close reason sent with {@link #CLOSE_UNEXPECTED_CONDITION} after a failed write. */
    public static final String REASON_SEND_FAILED = "send_failed";

    private static final Logger LOGGER = Logger.getLogger(Connection.class.getName());
    private static final String LOG_SLOW_CONSUMER = "Closing connection {0} on {1} with 1013 slow_consumer: its queue overflowed";
    private static final String LOG_SEND_FAILED = "Closing connection {0} on {1}: a write failed";

    private final String id;
    private final Channel channel;
    private final Membership membership;
    // Changed only by the registry, which keeps its topic index in step; readable from any thread.
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final Transport transport;
    private final Outbox outbox;
    private final Consumer<Connection> endListener;
    private final DeliveryMeter meter;
    private final AtomicBoolean ended = new AtomicBoolean();
    // System.nanoTime() of the last frame or pong from the client (or of the open): what the heartbeat sweep checks.
    private volatile long lastActivityNanos = System.nanoTime();
    // Whether the client has sent anything (a frame or a pong) since the open.
    private volatile boolean heardFrom;

    /**
     * @param id          the connection's unique, opaque id
     * @param channel     the channel it connected to
     * @param transport   the container's side of the connection
     * @param limits      how much may wait to be written to it
     * @param endListener told once, when the connection ends; must not throw
     */
    public Connection(String id, Channel channel, Transport transport, OutboxLimits limits,
                      Consumer<Connection> endListener) {
        this(id, channel, Membership.NONE, transport, limits, endListener);
    }

    /**
     * @param id          the connection's unique, opaque id
     * @param channel     the channel it connected to
     * @param membership  the room or user it belongs to
     * @param transport   the container's side of the connection
     * @param limits      how much may wait to be written to it
     * @param endListener told once, when the connection ends; must not throw
     */
    public Connection(String id, Channel channel, Membership membership, Transport transport, OutboxLimits limits,
                      Consumer<Connection> endListener) {
        this(id, channel, membership, transport, limits, endListener, DeliveryMeter.NONE);
    }

    /**
     * @param id          the connection's unique, opaque id
     * @param channel     the channel it connected to
     * @param membership  the room or user it belongs to
     * @param transport   the container's side of the connection
     * @param limits      how much may wait to be written to it
     * @param endListener told once, when the connection ends; must not throw
     * @param meter       told what happens to its frames, for metrics
     */
    public Connection(String id, Channel channel, Membership membership, Transport transport, OutboxLimits limits,
                      Consumer<Connection> endListener, DeliveryMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.id = Objects.requireNonNull(id, "id");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.membership = Objects.requireNonNull(membership, "membership");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.endListener = Objects.requireNonNull(endListener, "endListener");
        this.outbox = new Outbox(transport, limits, new OutboxEnding());
    }

    /** @return the connection's unique, opaque id, as sent to the client in its {@code connected} frame */
    public String id() {
        return id;
    }

    /** @return the channel the client connected to */
    public Channel channel() {
        return channel;
    }

    /** @return the room or user the connection belongs to; {@link Membership#NONE} for neither */
    public Membership membership() {
        return membership;
    }

    /** @return the topics the connection is subscribed to now, sorted; a snapshot, empty when none */
    public SortedSet<String> topics() {
        return new TreeSet<>(topics);
    }

    // The live set, for the registry only.
    Set<String> topicSet() {
        return topics;
    }

    /** @return whether the connection has not ended yet */
    public boolean isOpen() {
        return !ended.get();
    }

    /**
     * Queues a frame for this connection without waiting for the client.
     *
     * @param frame the frame
     * @return {@code true} when the frame was accepted; {@code false} when the connection has ended, or ended just now
     *         because the client is too slow
     */
    public boolean send(Frame frame) {
        return outbox.offer(frame);
    }

    /**
     * Records that the client just showed it is there: it sent a frame or answered a ping.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     */
    public void markActive(long nowNanos) {
        lastActivityNanos = nowNanos;
        heardFrom = true;
    }

    /** @return whether the client has sent a frame or a pong since the connection opened */
    public boolean heardFrom() {
        return heardFrom;
    }

    /** @return the {@link System#nanoTime()} of the client's last frame or pong, or of the open when there was none */
    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    /**
     * Pings the client without waiting; its pong counts as activity and confirms what it has read. Does nothing once
     * the connection has ended.
     */
    public void ping() {
        if (isOpen()) {
            outbox.probe();
        }
    }

    /**
     * Records a pong from the client: it is there, and it has read what was written before the ping it answers.
     *
     * @param data     the pong's application data
     * @param nowNanos the current {@link System#nanoTime()}
     */
    public void ponged(ByteBuffer data, long nowNanos) {
        markActive(nowNanos);
        if (data != null && data.remaining() == Long.BYTES) {
            outbox.confirmed(data.getLong(data.position()));
        }
    }

    /** @return the outbound queue, for inspection (queue length, drops, write age) */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * Ends the connection from the server's side and closes it with a code and reason. Does nothing when the
     * connection has already ended.
     *
     * @param code   the WebSocket close code
     * @param reason a short reason for the client
     */
    public void close(int code, String reason) {
        if (end()) {
            transport.close(code, reason);
        }
    }

    /**
     * Records that the container or the client has ended the connection. Does nothing when it has already ended.
     */
    public void ended() {
        end();
    }

    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        outbox.close();
        long discarded = outbox.discardedCount();
        if (discarded > 0) {
            meter.dropped(channel, DeliveryMeter.DROPPED_CLOSED, discarded);
        }
        endListener.accept(this);
        return true;
    }

    @Override
    public String toString() {
        return "Connection[" + id + " on " + channel.wireName() + "]";
    }

    private final class OutboxEnding implements Outbox.Listener {

        @Override
        public void onSlowConsumer() {
            LOGGER.log(Level.WARNING, LOG_SLOW_CONSUMER, new Object[] {id, channel.wireName()});
            meter.slowConsumerClosed(channel);
            close(CLOSE_TRY_AGAIN_LATER, REASON_SLOW_CONSUMER);
        }

        @Override
        public void onWritten(Frame frame) {
            meter.written(channel, frame);
        }

        @Override
        public void onDropped(int frames) {
            meter.dropped(channel, DeliveryMeter.DROPPED_OVERFLOW, frames);
        }

        @Override
        public void onSendFailure(Throwable cause) {
            // Usually a client that went away mid-write: normal, not worth more than FINE.
            if (LOGGER.isLoggable(Level.FINE)) {
                LOGGER.log(Level.FINE, LOG_SEND_FAILED.replace("{0}", id).replace("{1}", channel.wireName()), cause);
            }
            meter.failed(channel, DeliveryMeter.FAILED_WRITE);
            close(CLOSE_UNEXPECTED_CONDITION, REASON_SEND_FAILED);
        }
    }
}
