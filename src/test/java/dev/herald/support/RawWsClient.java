package dev.herald.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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
 * A WebSocket client on a plain socket that writes frames byte by byte, so a test can send what no client library
 * would: binary where text is expected, invalid UTF-8, oversized or fragmented control frames, reserved bits,
 * unmasked frames. It reads the server's frames until the close frame.
 */
public final class RawWsClient implements AutoCloseable {

    /** Opcodes of RFC 6455. */
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<String> texts = new ArrayList<>();

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * @param base the application's base URI
     * @param path the endpoint path with any query
     * @return a client whose handshake succeeded
     * @throws IOException when the handshake fails
     */
    public static RawWsClient open(URI base, String path) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(20_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + base.getPath() + path + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        RawWsClient client = new RawWsClient(socket);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = client.in.read();
            if (b < 0) {
                throw new IOException("Connection closed during the handshake");
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("Handshake refused: " + head.substring(0, head.indexOf("\r\n")));
        }
        return client;
    }

    /**
     * Writes one frame, masked as a client must unless {@code masked} is false.
     *
     * @param fin     the FIN bit
     * @param rsv     the three reserved bits, 0 for none
     * @param opcode  the opcode
     * @param payload the unmasked payload
     * @param masked  whether to mask it
     * @throws IOException when writing fails
     */
    public void frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * @param opcode  the opcode, with FIN set and no reserved bits, masked
     * @param payload the payload
     * @throws IOException when writing fails
     */
    public void frame(int opcode, byte[] payload) throws IOException {
        frame(true, 0, opcode, payload, true);
    }

    /**
     * @param text a text frame to send
     * @throws IOException when writing fails
     */
    public void text(String text) throws IOException {
        frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads frames until the server's close frame and returns its code; text frames before it are kept.
     *
     * @return the close code, or 1006 when the server dropped the connection without a close frame
     * @throws IOException when reading fails otherwise
     */
    public int awaitClose() throws IOException {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = in.readNBytes((int) length);
                int opcode = first & 0x0F;
                if (opcode == CLOSE) {
                    return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                }
                if (opcode == TEXT) {
                    texts.add(new String(payload, StandardCharsets.UTF_8));
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return 1006;
        } catch (IOException e) {
            // A reset after the server gave up on us counts as a drop without a close frame.
            return 1006;
        }
    }

    /** @return the text frames read so far, in order, the greeting first */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** @return the raw input, for tests that read by hand */
    InputStream input() {
        return in;
    }
}
