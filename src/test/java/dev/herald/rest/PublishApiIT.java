package dev.herald.rest;

import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish API: only publishers may use it, and each new audience field is checked. */
class PublishApiIT extends DeployedHerald {

    private static final String BODY = "{\"channel\":\"notifications\",\"payload\":{\"n\":1}}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void publish_withoutValidToken_is401_withTokenButNoPublisherRole_is403_andNothingIsSent() {
        byte[] otherSecret = "another-secret-that-herald-does-not-know-at-all".getBytes(StandardCharsets.UTF_8);
        try (WsClient listener = WsClient.open(base, "notifications")) {
            assertUnauthorized(rest.post("api/broadcasts", BODY), "Bearer");
            assertUnauthorized(rest.withToken("not-a-jwt").post("api/broadcasts", BODY), "Bearer error=\"invalid_token\"");
            assertUnauthorized(rest.withToken(Tokens.mint("svc", List.of("publisher"), Duration.ofMinutes(-5)))
                    .post("api/broadcasts", BODY), "Bearer error=\"invalid_token\"");
            assertUnauthorized(rest.withToken(Tokens.sign("svc", List.of("publisher"), Tokens.ISSUER,
                    Instant.now().plusSeconds(600), otherSecret)).post("api/broadcasts", BODY), "Bearer error=\"invalid_token\"");

            HttpResponse<String> forbidden = rest.withToken(Tokens.mint("svc", List.of("reader"), Duration.ofMinutes(5)))
                    .post("api/broadcasts", BODY);
            assertProblem(forbidden, 403);
            assertProblem(rest.withToken(Tokens.user("user-a")).post("api/broadcasts", BODY), 403);

            publisher.post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":\"after\"}");
            assertThat(listener.next()).isEqualTo("\"after\"");
        }
    }

    @Test
    void registryKeys_needThePublisherRole_butCountsArePublic() {
        assertProblem(rest.get("api/registry/keys"), 401);
        assertProblem(rest.withToken(Tokens.user("user-a")).get("api/registry/keys"), 403);

        try (WsClient room = WsClient.open(base, "rooms/lobby");
             WsClient feed = WsClient.open(base, "feed?topics=sports")) {
            assertThat(room.greeting().getString("room")).isEqualTo("lobby");
            assertThat(feed.greeting().getJsonArray("topics")).hasSize(1);
            JsonObject keys = WsClient.parse(publisher.get("api/registry/keys").body());
            assertThat(keys.toString()).isEqualTo("{\"rooms\":[\"lobby\"],\"users\":[],\"topics\":[\"sports\"]}");
            JsonObject counts = rest.registry();
            assertThat(counts.getInt("rooms")).isEqualTo(1);
            assertThat(counts.getInt("topics")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad room id               | {"channel":"rooms","room":"no spaces","payload":{}}
            room id too long          | {"channel":"rooms","room":"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr","payload":{}}
            empty room id             | {"channel":"rooms","room":"","payload":{}}
            room on another channel   | {"channel":"chat","room":"lobby","payload":{}}
            users missing             | {"channel":"user","payload":{}}
            users empty               | {"channel":"user","users":[],"payload":{}}
            blank user                | {"channel":"user","users":["user-a"," "],"payload":{}}
            users not an array        | {"channel":"user","users":"user-a","payload":{}}
            users on another channel  | {"channel":"feed","topic":"sports","users":["user-a"],"payload":{}}
            topic missing             | {"channel":"feed","payload":{}}
            bad topic name            | {"channel":"feed","topic":"a.b","payload":{}}
            topic on another channel  | {"channel":"rooms","topic":"sports","payload":{}}
            """)
    void publish_badAudienceField_is400Problem(String name, String body) {
        assertProblem(publisher.post("api/broadcasts", body), 400);
    }

    @Test
    void publish_toEachNewAudience_withExcept_skipsTheExcludedConnection() {
        try (WsClient a = WsClient.open(base, "rooms/lobby");
             WsClient b = WsClient.open(base, "rooms/lobby")) {
            HttpResponse<String> response = publisher.post("api/broadcasts",
                    "{\"channel\":\"rooms\",\"room\":\"lobby\",\"payload\":1,\"except\":\"" + a.connectionId() + "\"}");

            assertThat(WsClient.parse(response.body()).getInt("recipients")).isEqualTo(1);
            assertThat(b.next()).isEqualTo("1");
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response, String challenge) {
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = WsClient.parse(response.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception");
    }
}
