package dev.herald.bench;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * S1's publisher: one {@code /chat} client that sends 100-byte messages as fast as the target accepts them. "Accepts"
 * is measured end to end: it never has more than {@code window} messages beyond what the slowest receiver has
 * read, so a target is driven at its delivery rate and never made to buffer without bound.
 */
final class ChatPublisher implements AutoCloseable {

    private final WsClients client;
    private final Receiver connection;

    private ChatPublisher(WsClients client, Receiver connection) {
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects and waits for the greeting.
     *
     * @param uri           the target's {@code /chat}
     * @param timeoutMillis how long to wait
     * @return a connected publisher
     * @throws Exception when it cannot connect
     */
    static ChatPublisher connect(URI uri, long timeoutMillis) throws Exception {
        Receiver.Stats ignored = new Receiver.Stats();
        Receiver[] made = new Receiver[1];
        WsClients client = new WsClients(1, uri, timeoutMillis, () -> made[0] = new Receiver(ignored));
        try {
            client.connect("127.0.0.1").sync();
            Receiver receiver = made[0];
            receiver.greeted().get(timeoutMillis, TimeUnit.MILLISECONDS);
            return new ChatPublisher(client, receiver);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** What one publishing phase did. */
    record Sent(long messages, long firstTimedMicros) {
    }

    /**
     * Sends until {@code untilNanos}, respecting the window.
     *
     * @param firstSeq    the first sequence number
     * @param untilNanos  {@link System#nanoTime()} at which to stop
     * @param timed       whether to stamp the send time (false for warm-up)
     * @param window      most messages beyond the slowest receiver
     * @param minReceived the slowest receiver's count, as last reported
     * @return how many were sent, and when the first timed one left
     */
    Sent publish(long firstSeq, long untilNanos, boolean timed, int window, LongSupplier minReceived) {
        Channel channel = connection.channel();
        long seq = firstSeq;
        long firstTimed = 0;
        while (System.nanoTime() < untilNanos && channel.isActive()) {
            if (seq - minReceived.getAsLong() >= window || !channel.isWritable()) {
                LockSupport.parkNanos(100_000);
                continue;
            }
            long now = timed ? Payloads.nowMicros() : 0;
            if (timed && firstTimed == 0) {
                firstTimed = now;
            }
            channel.writeAndFlush(new TextWebSocketFrame(Payloads.message(seq, now)));
            seq++;
        }
        return new Sent(seq - firstSeq, firstTimed);
    }

    @Override
    public void close() {
        connection.close();
        client.close();
    }
}
