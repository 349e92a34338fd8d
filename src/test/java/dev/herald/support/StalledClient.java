package dev.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that completes the handshake and then never reads again, with a small receive buffer, so the
 * server's writes to it stall. Written on a plain socket because a real client library always reads.
 */
public final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    /**
     * @param base    the application's base URI
     * @param channel the endpoint path
     * @return a client whose handshake succeeded and that reads nothing more
     * @throws IOException when the handshake fails
     */
    public static StalledClient open(URI base, String channel) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(10_000);

        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + base.getPath() + channel + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();

        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("Handshake refused: " + status);
        }
        return new StalledClient(socket);
    }

    // Reads up to the blank line that ends the response headers, one byte at a time so nothing after it is consumed.
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed during the handshake");
            }
            headers.append((char) b);
        }
        return headers.substring(0, headers.indexOf("\r\n"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
