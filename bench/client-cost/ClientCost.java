import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How heavy is a WebSocket client per connection? Opens N connections to a hub's /notifications with either the
 * JDK's java.net.http.WebSocket or Netty, then reports the live heap per connection (after a full GC), the threads,
 * and the CPU time per received frame for 20 broadcasts. Used once to choose the load generator's library:
 *
 *   java -cp 'bench/loadgen/target/lib/*' bench/client-cost/ClientCost.java jdk|netty N PORT
 */
public class ClientCost {

    static final LongAdder FRAMES = new LongAdder();

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/notifications");
        long heapBefore = liveHeap();
        CountDownLatch greeted = new CountDownLatch(n);
        Object keep = kind.equals("jdk") ? openJdk(uri, n, greeted) : openNetty(uri, n, greeted);
        if (!greeted.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not all connections opened");
        }
        long heapAfter = liveHeap();
        FRAMES.reset();
        long cpu0 = cpu();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/broadcasts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"notifications\",\"payload\":{\"s\":" + i
                            + ",\"p\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (FRAMES.sum() < 20L * n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        long cpu = cpu() - cpu0;
        System.out.printf("%s: %,d connections, live heap %.1f KiB per connection, %d threads, "
                        + "%.1f µs CPU per received frame (%,d frames)%n", kind, n,
                (heapAfter - heapBefore) / 1024.0 / n, Thread.activeCount(), cpu / 1000.0 / FRAMES.sum(),
                FRAMES.sum());
        System.out.println(keep.hashCode() > 0 ? "" : "");
        System.exit(0);
    }

    static Object openJdk(URI uri, int n, CountDownLatch greeted) {
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<?>[] all = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            all[i] = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                boolean first = true;

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    if (first) {
                        first = false;
                        greeted.countDown();
                    } else {
                        FRAMES.increment();
                    }
                    ws.request(1);
                    return null;
                }
            });
            if (i % 200 == 199) {
                all[i].join();
            }
        }
        return all;
    }

    static Object openNetty(URI uri, int n, CountDownLatch greeted) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(uri, io.netty.handler.codec.http.websocketx
                                        .WebSocketVersion.V13, null, false, null, 65536),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    boolean first = true;

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
                                        if (f instanceof TextWebSocketFrame && first) {
                                            first = false;
                                            greeted.countDown();
                                        } else if (f instanceof TextWebSocketFrame) {
                                            FRAMES.increment();
                                        }
                                    }
                                });
                    }
                });
        for (int i = 0; i < n; i++) {
            var f = bootstrap.connect("127.0.0.1", uri.getPort());
            if (i % 200 == 199) {
                f.sync();
            }
        }
        return group;
    }

    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
