package dev.herald.ops;

import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Metrics;
import dev.herald.support.StalledClient;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.herald.support.Metrics.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the platform sees of a serving Herald: {@code /health}, {@code /metrics} and {@code /openapi}, read before and
 * after known traffic, with the exact changes asserted. The tests run one after the other on one instance, and each
 * closes its clients, so each can take its own "before".
 */
class OperationsIT extends DeployedHerald {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String CONNECTIONS = "herald_connections_open";
    private static final String SENT = "herald_messages_sent_total";
    private static final String LATENCY_COUNT = "herald_delivery_latency_seconds_count";
    private static final String BATCH_COUNT = "herald_batch_size_count";
    private static final String BATCH_SUM = "herald_batch_size_sum";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void connect_threeChatClients_openConnectionsGaugeRisesByExactlyThree_andFallsBackOnClose() {
        Metrics before = Metrics.read(rest);
        List<WsClient> clients = Stream.generate(() -> WsClient.open(base, "chat")).limit(3).toList();
        try {
            // A client hears its greeting just before its connection is registered, so give the gauge a moment.
            long expected = before.value(CONNECTIONS, channel("chat")) + 3;
            await().atMost(SETTLE).until(() -> Metrics.read(rest).value(CONNECTIONS, channel("chat")) >= expected);
            Metrics during = Metrics.read(rest);
            assertThat(during.value(CONNECTIONS, channel("chat"))).isEqualTo(before.value(CONNECTIONS, channel("chat")) + 3);
            assertThat(during.value(CONNECTIONS, channel("notifications")))
                    .isEqualTo(before.value(CONNECTIONS, channel("notifications")));
            assertThat(readinessConnections()).isEqualTo(3);
        } finally {
            clients.forEach(WsClient::close);
        }
        await().atMost(SETTLE).until(() -> Metrics.read(rest).value(CONNECTIONS, channel("chat"))
                == before.value(CONNECTIONS, channel("chat")));
    }

    @Test
    void publishThree_toTwoClients_sentAndLatencyCountRiseByExactlyEight() {
        Metrics before = Metrics.read(rest);
        try (WsClient a = WsClient.open(base, "notifications"); WsClient b = WsClient.open(base, "notifications")) {
            for (int i = 1; i <= 3; i++) {
                rest.withToken(Tokens.publisher()).post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":{\"n\":" + i + "}}");
            }
            assertThat(a.next(3)).hasSize(3);
            assertThat(b.next(3)).hasSize(3);

            // Two greetings and three broadcasts to each of two clients.
            long expectedSent = before.value(SENT, channel("notifications")) + 8;
            await().atMost(SETTLE).until(() -> Metrics.read(rest).value(SENT, channel("notifications")) >= expectedSent);
            Metrics after = Metrics.read(rest);
            assertThat(after.value(SENT, channel("notifications"))).isEqualTo(expectedSent);
            assertThat(after.value(LATENCY_COUNT, channel("notifications")))
                    .isEqualTo(before.value(LATENCY_COUNT, channel("notifications")) + 8);
            assertThat(after.value(SENT, channel("chat"))).isEqualTo(before.value(SENT, channel("chat")));
        }
    }

    @Test
    void publishThreeBatched_toTwoClients_batchSizeHistogramCountsOneBatchOfThree() {
        Metrics before = Metrics.read(rest);
        try (WsClient a = WsClient.open(base, "notifications"); WsClient b = WsClient.open(base, "notifications")) {
            // A window far longer than three posts on loopback take, so the three share one batch frame.
            for (int i = 1; i <= 3; i++) {
                HttpResponse<String> published = rest.withToken(Tokens.publisher()).post("api/broadcasts",
                        "{\"channel\":\"notifications\",\"payload\":{\"n\":" + i
                                + "},\"delivery\":{\"mode\":\"batched\",\"windowMs\":5000}}");
                assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
            }
            JsonObject batch = a.nextJson();
            assertThat(batch.getString("type")).isEqualTo("batch");
            assertThat(batch.getJsonArray("messages")).hasSize(3);
            assertThat(b.nextJson()).isEqualTo(batch);

            // One batch frame, counted once although it went to two clients.
            Metrics after = Metrics.read(rest);
            assertThat(after.value(BATCH_COUNT, channel("notifications")))
                    .isEqualTo(before.value(BATCH_COUNT, channel("notifications")) + 1);
            assertThat(after.value(BATCH_SUM, channel("notifications")))
                    .isEqualTo(before.value(BATCH_SUM, channel("notifications")) + 3);
            assertThat(after.value(BATCH_COUNT, channel("chat"))).isEqualTo(before.value(BATCH_COUNT, channel("chat")));
        }
    }

    @Test
    void stalledClient_onChat_isClosedAsSlowConsumer_andCountedExactlyOnce() throws IOException {
        Metrics before = Metrics.read(rest);
        String padding = "x".repeat(60 * 1024);
        long chatBefore = before.value(CONNECTIONS, channel("chat"));
        try (StalledClient stalled = StalledClient.openAnsweringFirstPing(base, "chat")) {
            // The 101 can reach the client before @OnOpen has registered the connection.
            await().atMost(SETTLE).until(() -> Metrics.read(rest).value(CONNECTIONS, channel("chat")) == chatBefore + 1);

            // The container buffers some 12 MB before its writes stall; the queue of 1 MiB then overflows.
            for (int i = 0; i < 400 && Metrics.read(rest).value(CONNECTIONS, channel("chat")) > chatBefore; i++) {
                rest.withToken(Tokens.publisher()).post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":\"" + padding + "\"}");
            }
        }
        Metrics after = Metrics.read(rest);
        assertThat(after.value("herald_connections_slow_consumer_closes_total", channel("chat")))
                .isEqualTo(before.value("herald_connections_slow_consumer_closes_total", channel("chat")) + 1);
        assertThat(after.value("herald_messages_dropped_total", channel("chat"), "reason=\"closed\""))
                .isGreaterThan(before.value("herald_messages_dropped_total", channel("chat"), "reason=\"closed\""));
        assertThat(after.value("herald_messages_failed_total", channel("chat"), "reason=\"write_error\""))
                .isEqualTo(before.value("herald_messages_failed_total", channel("chat"), "reason=\"write_error\""));
        assertThat(after.value(CONNECTIONS, channel("chat"))).isEqualTo(chatBefore);
    }

    @Test
    void health_whileServing_liveAndReadyAreUp() {
        HttpResponse<String> live = rest.get("/health/live");
        HttpResponse<String> ready = rest.get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(WsClient.parse(live.body()).getString("status")).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject readiness = WsClient.parse(ready.body());
        assertThat(readiness.getString("status")).isEqualTo("UP");
        assertThat(rest.readinessData(ReadinessCheck.NAME)).containsEntry("draining", "false");
        assertThat(rest.readinessData(ClusterCheck.NAME)).containsEntry("grid", "true").containsEntry("members", "1");
    }

    @Test
    void openapi_describesEveryEndpointOfTheReadmeTour_withProblemErrors() {
        HttpResponse<String> response = rest.send(HttpRequest.newBuilder(rest.uri("/openapi"))
                .header("Accept", "application/json").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject api = WsClient.parse(response.body());
        JsonObject paths = api.getJsonObject("paths");
        assertThat(operation(paths, "/api/users", "post").getJsonObject("responses").keySet())
                .contains("201", "400", "409", "413", "415", "429");
        assertThat(operation(paths, "/api/users/{id}", "get").getJsonObject("responses").keySet())
                .contains("200", "404");
        assertThat(operation(paths, "/api/broadcasts", "post").getJsonObject("responses").keySet())
                .contains("202", "400", "413", "415");
        assertThat(operation(paths, "/api/broadcasts", "post").getJsonObject("requestBody").toString())
                .contains("PublishRequest");
        assertThat(operation(paths, "/api/broadcasts", "post").getJsonObject("responses").keySet()).contains("401", "403");
        assertThat(operation(paths, "/api/registry", "get").getJsonObject("responses").keySet()).contains("200");
        assertThat(operation(paths, "/api/registry/keys", "get").getJsonObject("responses").keySet())
                .contains("200", "401", "403");
        assertThat(operation(paths, "/api/orders", "post").getJsonObject("responses").keySet())
                .contains("202", "400", "401");
        assertThat(operation(paths, "/api/tokens", "post").getJsonObject("responses").keySet()).contains("200", "404");
        assertThat(api.getJsonObject("components").getJsonObject("securitySchemes").keySet()).contains("bearer");
        assertThat(api.getJsonObject("components").getJsonObject("responses").getJsonObject("BadRequest")
                .getJsonObject("content").keySet()).containsExactly("application/problem+json");
    }

    private static JsonObject operation(JsonObject paths, String path, String method) {
        String key = paths.keySet().stream().filter(candidate -> candidate.endsWith(path)).findFirst()
                .orElseThrow(() -> new AssertionError("No path " + path + " in " + paths.keySet()));
        return paths.getJsonObject(key).getJsonObject(method);
    }

    private int readinessConnections() {
        return Integer.parseInt(rest.readinessData(ReadinessCheck.NAME).get("connections"));
    }
}
