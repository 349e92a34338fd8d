package dev.herald.delivery;

import dev.herald.support.Rest;
import dev.herald.support.Tokens;
import dev.herald.support.StalledClient;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptance scenario for slow consumers: 10 normal clients and 1 stalled client on {@code /notifications}, then
 * 1,000 REST broadcasts of 4 KiB fired one after another. Shared by the ITs of both overflow policies.
 */
final class StalledClientScenario implements AutoCloseable {

    static final int NORMAL_CLIENTS = 10;
    static final int BROADCASTS = 1000;
    static final int PAYLOAD_BYTES = 4096;

    final Rest rest;
    final List<WsClient> normal;
    final StalledClient stalled;
    final String stalledId;
    final List<Long> publishMillis = new ArrayList<>();
    private final AtomicReference<JsonObject> lastSeenStalled = new AtomicReference<>();

    StalledClientScenario(URI base) throws IOException {
        rest = new Rest(base).withToken(Tokens.publisher());
        normal = Stream.generate(() -> WsClient.open(base, "notifications")).limit(NORMAL_CLIENTS).toList();
        // It answers the first ping, as a live client does, so that only its backlog can end it.
        stalled = StalledClient.openAnsweringFirstPing(base, "notifications");
        await().atMost(Duration.ofSeconds(10)).until(() -> notificationsCount() == NORMAL_CLIENTS + 1);
        Set<String> normalIds = normal.stream().map(WsClient::connectionId).collect(Collectors.toSet());
        stalledId = connections().stream().map(c -> c.getString("id")).filter(id -> !normalIds.contains(id))
                .findFirst().orElseThrow();
    }

    /** Fires the broadcasts one after the other, timing each REST call and watching the stalled connection's queue. */
    void fireAll() {
        warmUp();
        for (int n = 1; n <= BROADCASTS; n++) {
            long started = System.nanoTime();
            HttpResponse<String> response = rest.post("api/broadcasts",
                    "{\"channel\":\"notifications\",\"payload\":" + payload(n) + "}");
            publishMillis.add((System.nanoTime() - started) / 1_000_000);
            assertThat(response.statusCode()).as("broadcast %d", n).isEqualTo(202);
            if (n % 50 == 0) {
                stalledCounters().ifPresent(lastSeenStalled::set);
            }
        }
        stalledCounters().ifPresent(lastSeenStalled::set);
    }

    // The first calls of a fresh server run cold code (JAX-RS, JSON-B, JIT); time the publish path warm. The warm-up
    // goes to /chat, where nobody listens, so the clients' counts stay exact.
    private void warmUp() {
        for (int i = 0; i < 50; i++) {
            rest.post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":" + payload(0) + "}");
        }
    }

    /** Asserts what both policies promise the normal clients: every broadcast, in order, nothing else. */
    void assertNormalClientsGotEverythingInOrder() {
        List<Integer> expected = IntStream.rangeClosed(1, BROADCASTS).boxed().toList();
        for (WsClient client : normal) {
            List<Integer> received = client.next(BROADCASTS).stream().map(f -> WsClient.parse(f).getInt("n")).toList();
            assertThat(received).isEqualTo(expected);
            assertThat(client.drain()).isEmpty();
        }
    }

    /**
     * Writes the REST publish times (median, 99th percentile, slowest, in ms) to
     * {@code target/figures/slow-consumer-<label>.txt}, so a run's figures can be quoted.
     *
     * @param label the policy under test
     * @throws IOException when the file cannot be written
     */
    void recordPublishTimes(String label) throws IOException {
        List<Long> sorted = publishMillis.stream().sorted().toList();
        Path file = Path.of("target", "figures", "slow-consumer-" + label + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "publish ms over " + sorted.size() + " calls: median " + sorted.get(sorted.size() / 2)
                + ", p99 " + sorted.get(sorted.size() * 99 / 100) + ", max " + sorted.getLast() + "\n");
    }

    long slowestPublishMillis() {
        return publishMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** @return the stalled connection's counters as last seen while it was registered */
    JsonObject lastSeenStalled() {
        return lastSeenStalled.get();
    }

    Optional<JsonObject> stalledCounters() {
        return connections().stream().filter(c -> c.getString("id").equals(stalledId)).findFirst();
    }

    int notificationsCount() {
        return rest.registry().getJsonObject("channels").getInt("notifications");
    }

    List<JsonObject> connections() {
        return WsClient.parse(rest.get("api/delivery").body()).getJsonArray("connections").stream()
                .map(JsonValue::asJsonObject).toList();
    }

    static String payload(int n) {
        String head = "{\"n\":" + n + ",\"pad\":\"";
        return head + "x".repeat(PAYLOAD_BYTES - head.length() - 2) + "\"}";
    }

    @Override
    public void close() throws IOException {
        normal.forEach(WsClient::close);
        stalled.close();
    }
}
