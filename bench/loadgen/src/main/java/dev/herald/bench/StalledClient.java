package dev.herald.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * S4's slow consumer: a raw socket that completes the WebSocket upgrade and then never reads, with a small receive
 * buffer so that it stalls early. Afterwards {@link #drainForClose} reads what piled up and looks for the target's
 * close frame, which is how we learn whether the target gave up on it.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    /**
     * @param uri the endpoint
     * @return a client whose upgrade succeeded
     * @throws IOException when the upgrade fails
     */
    static StalledClient open(URI uri) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String status = readHeaders(socket.getInputStream());
        if (!status.contains(" 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        return new StalledClient(socket);
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade");
            }
            headers.append((char) b);
        }
        return headers.substring(0, headers.indexOf("\r\n"));
    }

    /**
     * Reads everything the target sent, for at most {@code millis}, and returns the close code it finds.
     *
     * @param millis how long to read
     * @return the close frame's code; 0 when the target closed TCP without one; -1 when it never closed
     */
    int drainForClose(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            socket.setSoTimeout(500);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (System.currentTimeMillis() < deadline) {
                try {
                    int opcode = in.readUnsignedByte() & 0x0F;
                    long length = in.readUnsignedByte() & 0x7F;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    if (opcode == 0x8) {
                        return length >= 2 ? in.readUnsignedShort() : 1005;
                    }
                    in.skipNBytes(length);
                } catch (SocketTimeoutException e) {
                    // Nothing more yet: keep waiting until the deadline.
                }
            }
            return -1;
        } catch (EOFException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: it is going away either way.
        }
    }
}
