package dev.herald.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket handshake on a plain socket, to see exactly what the server answers when it refuses one: the JDK's
 * client only reports that the handshake failed, not the status or the body.
 *
 * @param status  the HTTP status of the answer, such as 400 or 101
 * @param headers the answer's headers, names in lower case
 * @param body    the answer's body, empty for 101
 */
public record Handshake(int status, Map<String, String> headers, String body) {

    /**
     * @param base         the application's base URI
     * @param path         the endpoint path with any query, such as {@code "rooms/lobby"}
     * @param extraHeaders more request headers, such as {@code Sec-WebSocket-Protocol}; a {@code Host} here replaces
     *                     the base URI's
     * @return the server's answer
     * @throws IOException when the connection fails
     */
    public static Handshake attempt(URI base, String path, Map<String, String> extraHeaders) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request(base, path, extraHeaders));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends a complete handshake and hangs up at once, without waiting for the answer: a client that gave up while
     * connecting. The server may still upgrade the connection after the client has gone.
     *
     * @param base the application's base URI
     * @param path the endpoint path with any query
     * @throws IOException when the connection fails
     */
    public static void sendAndHangUp(URI base, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.getOutputStream().write(request(base, path, Map.of()));
            socket.getOutputStream().flush();
        }
    }

    private static byte[] request(URI base, String path, Map<String, String> extraHeaders) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(base.getPath()).append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(extraHeaders.getOrDefault("Host", base.getHost() + ":" + base.getPort()))
                .append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        extraHeaders.forEach((name, value) -> {
            if (!name.equals("Host")) {
                request.append(name).append(": ").append(value).append("\r\n");
            }
        });
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param base the application's base URI
     * @param path the endpoint path
     * @return the server's answer to a handshake without extra headers
     * @throws IOException when the connection fails
     */
    public static Handshake attempt(URI base, String path) throws IOException {
        return attempt(base, path, Map.of());
    }

    private static Handshake read(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        if (status == 101) {
            return new Handshake(status, Map.copyOf(headers), "");
        }
        return new Handshake(status, Map.copyOf(headers), readBody(in, headers));
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed during the handshake answer");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        return "";
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
