package dev.herald.channel;

import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Handshake;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /feed}: topic subscriptions from the query and from control frames, and what bad ones get. */
class FeedIT extends DeployedHerald {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void sportsEvent_reachesExactlyItsSubscribersOnce_andAfterUnsubscribeOnlyTheRemainingOne() {
        try (WsClient sports = WsClient.open(base, "feed?topics=sports");
             WsClient news = WsClient.open(base, "feed?topics=news");
             WsClient both = WsClient.open(base, "feed?topics=sports,news")) {

            assertThat(topicsOf(both.greeting())).containsExactly("news", "sports");

            assertThat(recipients(publishTo("sports", "{\"n\":1}"))).isEqualTo(2);
            assertThat(sports.next()).isEqualTo("{\"n\":1}");
            assertThat(both.next()).isEqualTo("{\"n\":1}");

            both.send("{\"type\":\"unsubscribe\",\"topics\":[\"sports\"]}");
            assertThat(both.nextJson()).isEqualTo(WsClient.parse("{\"type\":\"subscribed\",\"topics\":[\"news\"]}"));

            assertThat(recipients(publishTo("sports", "{\"n\":2}"))).isEqualTo(1);
            assertThat(sports.next()).isEqualTo("{\"n\":2}");

            // Markers: each client's next frame shows nothing else came before it, and nothing came twice.
            publishTo("news", "\"end\"");
            publishTo("sports", "\"end\"");
            assertThat(news.next()).isEqualTo("\"end\"");
            assertThat(both.next()).isEqualTo("\"end\"");
            assertThat(sports.next()).isEqualTo("\"end\"");
            for (WsClient client : List.of(sports, news, both)) {
                assertThat(client.drain()).isEmpty();
            }

            news.send("{\"type\":\"subscribe\",\"topics\":[\"sports\",\"alpha\",\"news\"]}");
            assertThat(news.nextJson()).isEqualTo(
                    WsClient.parse("{\"type\":\"subscribed\",\"topics\":[\"alpha\",\"news\",\"sports\"]}"));
            assertThat(recipients(publishTo("sports", "{\"n\":3}"))).isEqualTo(2);
        }
    }

    @Test
    void badControlFrames_getBadRequestError_andTheOldSubscriptionsStay() {
        String tooLong = "t".repeat(65);
        String sixtyFourNew = IntStream.range(0, 64).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
        List<String> badFrames = List.of(
                "not json",
                "[\"subscribe\"]",
                "{\"type\":\"dance\",\"topics\":[\"a\"]}",
                "{\"topics\":[\"a\"]}",
                "{\"type\":\"subscribe\"}",
                "{\"type\":\"subscribe\",\"topics\":\"news\"}",
                "{\"type\":\"subscribe\",\"topics\":[1]}",
                "{\"type\":\"subscribe\",\"topics\":[\"news\",\"bad name\"]}",
                "{\"type\":\"subscribe\",\"topics\":[\"" + tooLong + "\"]}",
                "{\"type\":\"subscribe\",\"topics\":[" + sixtyFourNew + "]}",
                "{\"type\":\"unsubscribe\",\"topics\":[\"sports\",\"bad!\"]}",
                "{\"type\":\"subscribe\",\"topics\":[\"news\"]} trailing",
                "{\"type\":\"subscribe\",\"topics\":[\"news\"]}{\"type\":\"subscribe\",\"topics\":[\"news\"]}",
                "{\"type\":\"unsubscribe\",\"topics\":[\"sports\"],\"type\":\"subscribe\"}");

        try (WsClient client = WsClient.open(base, "feed?topics=sports")) {
            for (String frame : badFrames) {
                client.send(frame);
                JsonObject error = client.nextJson();
                assertThat(error.getString("type")).as(frame).isEqualTo("error");
                // Past the limit of topics has its own code; every other malformed frame is a bad_request.
                assertThat(error.getString("code")).as(frame)
                        .isEqualTo(frame.contains("\"t63\"") ? "too_many_topics" : "bad_request");
                assertThat(error.getString("message")).as(frame).isNotBlank().doesNotContain("Exception");
            }

            assertThat(recipients(publishTo("sports", "\"still\""))).isEqualTo(1);
            assertThat(client.next()).isEqualTo("\"still\"");
            assertThat(recipients(publishTo("news", "\"never\""))).isZero();
            assertThat(rest.registry().getInt("topics")).isEqualTo(1);

            String sixtyThreeNew = IntStream.range(0, 63).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
            client.send("{\"type\":\"subscribe\",\"topics\":[" + sixtyThreeNew + "]}");
            assertThat(topicsOf(client.nextJson())).hasSize(64).contains("sports", "t0", "t62");
        }
    }

    @Test
    void controlFrameOver16KiB_closesWith1009() {
        try (WsClient client = WsClient.open(base, "feed")) {
            client.send("{\"type\":\"subscribe\",\"topics\":[\"" + "x".repeat(17 * 1024) + "\"]}");

            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void badTopicQuery_isRefusedWith400AndNoUpgrade() throws IOException {
        String sixtyFive = IntStream.range(0, 65).mapToObj(i -> "t" + i).collect(Collectors.joining(","));
        for (String path : List.of("feed?topics=bad%20name", "feed?topics=a,,b", "feed?topics=a!",
                "feed?topics=" + "t".repeat(65), "feed?topics=" + sixtyFive)) {
            Handshake answer = Handshake.attempt(base, path);

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.headers().get("content-type")).as(path).startsWith("application/problem+json");
            assertThat(WsClient.parse(answer.body()).getString("detail")).as(path).startsWith("topics: ");
        }
        assertThat(rest.registry().getInt("connections")).isZero();

        try (WsClient none = WsClient.open(base, "feed")) {
            assertThat(topicsOf(none.greeting())).isEmpty();
        }
    }

    private HttpResponse<String> publishTo(String topic, String payload) {
        return publisher.post("api/broadcasts",
                "{\"channel\":\"feed\",\"topic\":\"" + topic + "\",\"payload\":" + payload + "}");
    }

    private static int recipients(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(202);
        return WsClient.parse(response.body()).getInt("recipients");
    }

    private static List<String> topicsOf(JsonObject frame) {
        return frame.getJsonArray("topics").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
