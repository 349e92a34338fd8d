package dev.herald.support;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that completes the handshake and then never reads again (or reads only up to its first ping, see
 * {@link #openAnsweringFirstPing}), with a small receive buffer, so the server's writes to it stall, and that does not
 * answer pings until it starts reading. Written on a plain socket
 * because a real client library always reads.
 */
public final class StalledClient implements AutoCloseable {

    private final Socket socket;
    // Text frames read before the client stalled, handed out first when it reads again.
    private final List<String> readBeforeStalling;

    private StalledClient(Socket socket, List<String> readBeforeStalling) {
        this.socket = socket;
        this.readBeforeStalling = readBeforeStalling;
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
        return new StalledClient(socket, List.of());
    }

    /**
     * A client that reads its greeting and answers the first ping, as every live client does at once, and then stops
     * reading: it has shown that it is there, so only its silence and its backlog can end it.
     *
     * @param base    the application's base URI
     * @param channel the endpoint path
     * @return a client that has answered the first ping and reads nothing more
     * @throws IOException when the handshake fails or no ping comes within 10 s
     */
    public static StalledClient openAnsweringFirstPing(URI base, String channel) throws IOException {
        StalledClient client = open(base, channel);
        // Unbuffered, so that nothing after the ping is consumed.
        DataInputStream in = new DataInputStream(client.socket.getInputStream());
        List<String> texts = new ArrayList<>();
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            byte[] payload = in.readNBytes((int) payloadLength(in));
            if (opcode == 0x9) {
                client.pong(payload);
                return new StalledClient(client.socket, List.copyOf(texts));
            }
            if (opcode == 0x1) {
                texts.add(new String(payload, StandardCharsets.UTF_8));
            }
        }
    }

    private static long payloadLength(DataInputStream in) throws IOException {
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            return in.readUnsignedShort();
        }
        return length == 127 ? in.readLong() : length;
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

    /**
     * Starts reading at last: skips every frame the server had queued for this client until its close frame.
     *
     * @return the close code and reason, as {@code "1013 slow_consumer"}
     * @throws IOException when the connection ends, or stays silent for 10 s, before a close frame arrives
     */
    public String readUntilClose() throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            long length = payloadLength(in);
            if (opcode == 0x8) {
                byte[] payload = in.readNBytes((int) length);
                int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
            }
            in.skipNBytes(length);
        }
    }

    /**
     * Starts reading at last and reads text frames until none has come for a while.
     *
     * @param quietMillis how long without a frame ends the reading
     * @return the text frames, in arrival order
     * @throws IOException when the connection ends or a close frame arrives
     */
    public List<String> readTextFramesUntilQuiet(int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        List<String> frames = new ArrayList<>(readBeforeStalling);
        while (true) {
            int first;
            try {
                first = in.readUnsignedByte();
            } catch (SocketTimeoutException quiet) {
                return frames;
            }
            int opcode = first & 0x0F;
            long length = payloadLength(in);
            byte[] payload = in.readNBytes((int) length);
            if (opcode == 0x8) {
                throw new IOException("The server closed the connection after " + frames.size() + " frames");
            }
            if (opcode == 0x1) {
                frames.add(new String(payload, StandardCharsets.UTF_8));
            } else if (opcode == 0x9) {
                pong(payload);
            }
        }
    }

    // A client frame must be masked; an all-zero mask leaves the payload as it is.
    private void pong(byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {(byte) 0x8A, (byte) (0x80 | payload.length), 0, 0, 0, 0});
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
