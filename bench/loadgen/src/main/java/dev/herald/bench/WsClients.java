package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Opens WebSocket client connections with Netty: HTTP/1.1 upgrade, then frames to the handler the caller gives.
 * One small event-loop group serves thousands of connections, which is what lets a single process hold 10,000 of
 * them on a 2-core machine without becoming the bottleneck.
 */
final class WsClients implements AutoCloseable {

    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    /**
     * @param threads event-loop threads
     * @param uri     the endpoint, {@code ws://host:port/path}
     * @param handshakeTimeoutMillis how long an upgrade may take
     * @param handler makes the frame handler for each new connection
     */
    WsClients(int threads, URI uri, long handshakeTimeoutMillis, Supplier<ChannelHandler> handler) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .dropPongFrames(true)
                .handleCloseFrames(false)
                .build();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) handshakeTimeoutMillis)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .remoteAddress(new InetSocketAddress(uri.getHost(), uri.getPort()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(config),
                                handler.get());
                    }
                });
    }

    /**
     * Starts a connection from a given loopback source address (port chosen by the kernel).
     *
     * @param source the local address, such as 127.0.0.11
     * @return the TCP connect's future; the upgrade and greeting are the handler's business
     */
    ChannelFuture connect(String source) {
        return bootstrap.connect(bootstrap.config().remoteAddress(), new InetSocketAddress(source, 0));
    }

    /** @return the group, for scheduling timeouts */
    EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * @param channel a connection
     * @return whether its upgrade completed and it is still open
     */
    static boolean isOpen(Channel channel) {
        return channel != null && channel.isActive();
    }
}
