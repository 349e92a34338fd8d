package dev.herald.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import org.HdrHistogram.Recorder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One receiving connection of the load generator. It waits for the target's {@code connected} greeting, then counts
 * every benchmark message, checks that sequence numbers arrive in order, and records each timed message's
 * publish-to-receive latency in the shared {@link Stats}. Runs on its connection's event-loop thread only.
 */
final class Receiver extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** What all receivers of one process share. Thread-safe. */
    static final class Stats {
        /** Latency in microseconds; up to two minutes at three significant digits. */
        final Recorder latencyMicros = new Recorder(120_000_000L, 3);
        final LongAdder timedFrames = new LongAdder();
        final LongAdder allFrames = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder closedByTarget = new LongAdder();
    }

    private final Stats stats;
    private final CompletableFuture<Receiver> greeted = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean closing;
    private volatile int received;
    private volatile long lastReceivedMicros;
    private volatile int closeCode = -1;
    private long lastSeq = -1;

    Receiver(Stats stats) {
        this.stats = stats;
    }

    /** @return completes when the greeting arrived; fails when the connection ended first */
    CompletableFuture<Receiver> greeted() {
        return greeted;
    }

    /** @return benchmark messages received so far */
    int received() {
        return received;
    }

    /** @return when the last benchmark message arrived, in epoch microseconds; 0 when none did */
    long lastReceivedMicros() {
        return lastReceivedMicros;
    }

    /** @return the close code the target sent, or -1 */
    int closeCode() {
        return closeCode;
    }

    /** @return whether the greeting arrived and the connection is still open */
    boolean isOpenAndGreeted() {
        Channel current = channel;
        return current != null && current.isActive() && greeted.isDone() && !greeted.isCompletedExceptionally();
    }

    /** @return the connection, once it exists */
    Channel channel() {
        return channel;
    }

    /** @return whether the greeting ever arrived */
    boolean wasGreeted() {
        return greeted.isDone() && !greeted.isCompletedExceptionally();
    }

    /** Closes the connection from this side; such a close is not counted as the target's. */
    void close() {
        closing = true;
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            onText(text);
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            ctx.close();
        }
    }

    private void onText(TextWebSocketFrame frame) {
        if (!greeted.isDone()) {
            if (Payloads.isGreeting(frame.content())) {
                greeted.complete(this);
            }
            return;
        }
        long now = Payloads.nowMicros();
        long seq = Payloads.field(frame.content(), 's');
        long sent = Payloads.field(frame.content(), 't');
        if (seq < 0) {
            return; // not a benchmark message (for example an error frame)
        }
        if (seq != lastSeq + 1) {
            stats.outOfOrder.increment();
        }
        lastSeq = seq;
        if (sent > 0) {
            stats.latencyMicros.recordValue(Math.max(0, now - sent));
            stats.timedFrames.increment();
        }
        stats.allFrames.increment();
        lastReceivedMicros = now;
        received = received + 1; // single writer: this connection's event loop
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!greeted.isDone()) {
            greeted.completeExceptionally(new IllegalStateException("closed before the greeting"));
        } else if (!closing) {
            stats.closedByTarget.increment();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!greeted.isDone()) {
            greeted.completeExceptionally(cause);
        }
        ctx.close();
    }
}
