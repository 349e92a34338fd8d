package dev.herald.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client for tests, on the JDK's {@link java.net.http.WebSocket}. It collects whole text frames in
 * arrival order and waits for them with a timeout; it never sleeps.
 */
public final class WsClient implements AutoCloseable {

    /** How long any wait in this client lasts before it fails the test. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final Listener listener;

    private WsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /**
     * Connects and returns once the handshake has succeeded.
     *
     * @param uri a {@code ws://} URI
     * @return the connected client
     */
    public static WsClient connect(URI uri) {
        return connect(uri, new String[0]);
    }

    /**
     * Connects offering subprotocols, and returns once the handshake has succeeded.
     *
     * @param uri          a {@code ws://} URI
     * @param subprotocols the subprotocols to offer, most preferred first, such as {@code "bearer", token}
     * @return the connected client
     */
    public static WsClient connect(URI uri, String... subprotocols) {
        Listener listener = new Listener();
        try {
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
            if (subprotocols.length > 0) {
                builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
            }
            WebSocket socket = builder.buildAsync(uri, listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new WsClient(socket, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to " + uri, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not connect to " + uri, e);
        }
    }

    /**
     * Connects and reads the {@code connected} frame.
     *
     * @param base    the application's base URI, such as {@code http://127.0.0.1:8080/herald/}
     * @param channel the endpoint path, such as {@code "chat"}
     * @return the connected client, its greeting consumed
     */
    public static WsClient open(URI base, String channel) {
        return open(base, channel, new String[0]);
    }

    /**
     * Connects offering subprotocols and reads the {@code connected} frame.
     *
     * @param base         the application's base URI
     * @param path         the endpoint path with any query, such as {@code "feed?topics=a,b"}
     * @param subprotocols the subprotocols to offer
     * @return the connected client, its greeting consumed
     */
    public static WsClient open(URI base, String path, String... subprotocols) {
        WsClient client = connect(URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path), subprotocols);
        client.greeting = client.nextJson();
        return client;
    }

    /** @return the subprotocol the server selected, or an empty string for none */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    private JsonObject greeting;

    /** @return the {@code connected} frame this client received first, when opened with {@link #open} */
    public JsonObject greeting() {
        return greeting;
    }

    /** @return the connection id from the {@code connected} frame */
    public String connectionId() {
        return greeting.getString("connectionId");
    }

    /**
     * @return the next text frame
     * @throws AssertionError when none arrives within {@link #TIMEOUT}
     */
    public String next() {
        try {
            String frame = listener.frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame arrived within " + TIMEOUT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a frame", e);
        }
    }

    /** @return the next text frame, parsed as a JSON object */
    public JsonObject nextJson() {
        return parse(next());
    }

    /**
     * @param count how many frames to wait for
     * @return the next {@code count} frames, in arrival order
     */
    public List<String> next(int count) {
        List<String> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(next());
        }
        return frames;
    }

    /** @return frames that have arrived but were not taken yet; does not wait */
    public List<String> drain() {
        List<String> frames = new ArrayList<>();
        listener.frames.drainTo(frames);
        return frames;
    }

    /** @return how many frames have arrived and were not taken yet; does not wait and takes nothing */
    public int pending() {
        return listener.frames.size();
    }

    /** @param text a text frame to send */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * @return the close code the server sent, once it has closed the connection
     * @throws AssertionError when the connection does not close within {@link #TIMEOUT}
     */
    public int awaitClose() {
        try {
            return listener.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the close", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("The connection did not close within " + TIMEOUT, e);
        }
    }

    /** @return the close reason the server sent, once it has closed the connection */
    public String closeReason() {
        awaitClose();
        return listener.closeReason;
    }

    /** @return whether the connection has closed (the server's close frame arrived, or it failed); does not wait */
    public boolean isClosed() {
        return listener.closed.isDone();
    }

    /** Drops the TCP connection without a close frame, as a crashed client would. */
    public void abort() {
        socket.abort();
    }

    /** Closes normally (1000) and waits for the server's answer. */
    @Override
    public void close() {
        if (socket.isOutputClosed()) {
            socket.abort();
            return;
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            listener.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The server went first or is gone; drop the connection either way.
        } finally {
            socket.abort();
        }
    }

    /**
     * @param text a JSON object's text
     * @return the object
     */
    public static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile String closeReason;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
