package dev.herald.broadcast;

import dev.herald.fixture.DeliveryFixture;
import dev.herald.fixture.LogProblems;
import dev.herald.fixture.TimerFixture;
import dev.herald.support.Deployments;
import dev.herald.support.Rest;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Throttled and batched broadcasts, from business code, from an EJB timer and from the REST publish API. */
@ExtendWith(ArquillianExtension.class)
class DeliveryOptionsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(DeliveryFixture.class, TimerFixture.class, TimerFixture.Job.class, LogProblems.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base;
    private Rest rest;

    @BeforeEach
    void setUp() {
        base = Deployments.onLoopback(deployed);
        rest = new Rest(base).withToken(Tokens.publisher());
    }

    @Test
    void throttled_tenEventsTenMillisApart_modeLatest_deliversTheFirstAndTheTenth() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            fixture("throttled?count=10&everyMs=10&intervalMs=100&mode=latest");

            assertThat(client.next(2)).containsExactly("{\"n\":1}", "{\"n\":10}");
            assertNothingMoreArrives(client);
        }
    }

    @Test
    void throttled_tenEventsTenMillisApart_modeDrop_deliversOnlyTheFirst() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            fixture("throttled?count=10&everyMs=10&intervalMs=100&mode=drop");

            assertThat(client.next()).isEqualTo("{\"n\":1}");
            assertNothingMoreArrives(client);
        }
    }

    @Test
    void batched_twentyEventsWithinTenMillis_arriveAsOneBatchFrameInFireOrder() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            fixture("batched?count=20&everyMs=0&windowMs=50");

            JsonObject batch = client.nextJson();
            assertThat(batch.getString("type")).isEqualTo("batch");
            assertThat(batch.getJsonArray("messages").stream().map(v -> v.asJsonObject().getInt("n")).toList())
                    .isEqualTo(IntStream.rangeClosed(1, 20).boxed().toList());
            assertNothingMoreArrives(client);
        }
    }

    @Test
    void batched_twoEventsTwoHundredMillisApart_arriveAsTwoBatchFramesOfOne() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            fixture("batched?count=2&everyMs=200&windowMs=50");

            assertThat(client.next(2)).containsExactly(
                    "{\"type\":\"batch\",\"messages\":[{\"n\":1}]}",
                    "{\"type\":\"batch\",\"messages\":[{\"n\":2}]}");
            assertNothingMoreArrives(client);
        }
    }

    @Test
    void batched_fromAnEjbTimer_withTheDefaultWindow_arrivesAsOneBatch() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            assertThat(rest.post("api/fixture/timer?channel=notifications&stream=t&count=5&delivery=batched", "")
                    .statusCode()).isEqualTo(204);

            String messages = IntStream.rangeClosed(1, 5).mapToObj(i -> "{\"stream\":\"t\",\"seq\":" + i + "}")
                    .collect(Collectors.joining(","));
            assertThat(client.next()).isEqualTo("{\"type\":\"batch\",\"messages\":[" + messages + "]}");
            assertNothingMoreArrives(client);
        }
    }

    @Test
    void publish_throttledOverRest_deliversTheFirstAtOnceAndTheLatestAtTheEndOfTheInterval() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            String delivery = ",\"delivery\":{\"mode\":\"throttled\",\"intervalMs\":1000}";
            HttpResponse<String> first = publish("{\"channel\":\"notifications\",\"payload\":1" + delivery + "}");
            HttpResponse<String> second = publish("{\"channel\":\"notifications\",\"payload\":2" + delivery + "}");
            publish("{\"channel\":\"notifications\",\"payload\":3" + delivery + "}");

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(WsClient.parse(first.body()).getInt("recipients")).isEqualTo(1);
            assertThat(WsClient.parse(second.body()).getInt("recipients")).isZero();
            assertThat(client.next(2)).containsExactly("1", "3");
            assertNothingMoreArrives(client);
        }
    }

    @Test
    void publish_batchedOverRest_deliversOneBatchFrame() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            String delivery = ",\"delivery\":{\"mode\":\"batched\",\"windowMs\":500}";
            for (String payload : List.of("{\"a\":1}", "\"two\"", "[3]")) {
                assertThat(publish("{\"channel\":\"notifications\",\"payload\":" + payload + delivery + "}")
                        .statusCode()).isEqualTo(202);
            }

            assertThat(client.next()).isEqualTo("{\"type\":\"batch\",\"messages\":[{\"a\":1},\"two\",[3]]}");
            assertNothingMoreArrives(client);
        }
    }

    @Test
    void publish_withBadDeliveryValues_isRefusedWith400Problems() {
        assertBadRequest("{\"mode\":\"sometimes\"}", "delivery.mode: must be \"immediate\", \"throttled\" or \"batched\"");
        assertBadRequest("{\"mode\":\"throttled\"}", "delivery.intervalMs: required when delivery.mode is \"throttled\"");
        assertBadRequest("{\"mode\":\"throttled\",\"intervalMs\":0}",
                "delivery.intervalMs must be a whole number of milliseconds from 1 to 60000, was 0");
        assertBadRequest("{\"mode\":\"throttled\",\"intervalMs\":100,\"throttleMode\":\"first\"}",
                "delivery.throttleMode: must be \"latest\" or \"drop\"");
        assertBadRequest("{\"mode\":\"batched\",\"windowMs\":60001}",
                "delivery.windowMs must be a whole number of milliseconds from 1 to 60000, was 60001");

        HttpResponse<String> wrongType = publish(
                "{\"channel\":\"notifications\",\"payload\":1,\"delivery\":{\"mode\":\"batched\",\"windowMs\":\"soon\"}}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(rest.get("api/fixture/log-problems").body()).isEqualTo("[]");
    }

    private void assertBadRequest(String delivery, String detail) {
        HttpResponse<String> response = publish(
                "{\"channel\":\"notifications\",\"payload\":1,\"delivery\":" + delivery + "}");
        assertThat(response.statusCode()).as(delivery).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(WsClient.parse(response.body()).getString("detail")).isEqualTo(detail);
    }

    private void fixture(String path) {
        assertThat(rest.post("api/fixture/delivery/" + path, "").statusCode()).isEqualTo(204);
    }

    private HttpResponse<String> publish(String json) {
        return rest.post("api/broadcasts", json);
    }

    // Long enough for a held event or an open batch (at most 1 s here) to have gone out.
    private static void assertNothingMoreArrives(WsClient client) {
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3)).until(() -> client.pending() == 0);
    }
}
