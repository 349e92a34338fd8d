package dev.herald.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Counts the test server's TCP connections as the kernel sees them ({@code ss}), whoever the client is and whatever
 * state the container thinks they are in: the way to prove that the server gave a socket, and its file descriptor,
 * back.
 */
public final class ServerSockets {

    private ServerSockets() {
    }

    /**
     * @param base the server's base URI
     * @return how many ESTABLISHED connections have the server's port as their local port: one per open connection
     * @throws IOException when {@code ss} cannot be run
     */
    public static int established(URI base) throws IOException {
        Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "( sport = :" + base.getPort() + " )")
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            ss.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running ss", e);
        }
        return (int) out.lines().filter(line -> !line.isBlank()).count();
    }
}
