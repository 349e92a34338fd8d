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

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client mistake on the REST API gets a 4xx problem body, and nothing is broadcast; nor do unknown paths,
 * requests to WebSocket paths without an upgrade, or {@code OPTIONS} give away what the server is made of.
 */
class RestProblemsIT extends DeployedHerald {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown channel             | {"channel":"nowhere","payload":{}}
            feed without topic          | {"channel":"feed","payload":{}}
            lone surrogate in payload   | {"channel":"notifications","payload":"x\\ud800"}
            missing channel             | {"payload":{}}
            blank channel               | {"channel":" ","payload":{}}
            missing payload             | {"channel":"notifications"}
            null payload                | {"channel":"notifications","payload":null}
            malformed JSON              | {"channel":"notifications",
            not an object               | [1,2,3]
            channel of the wrong type   | {"channel":["notifications"],"payload":{}}
            except of the wrong type    | {"channel":"notifications","payload":{},"except":{"id":1}}
            empty body                  | ''
            """)
    void publish_badBody_is400Problem_andReachesNobody(String name, String body) {
        try (WsClient listener = WsClient.open(base, "notifications")) {
            HttpResponse<String> response = publisher.post("api/broadcasts", body);

            assertProblem(response, 400);
            publisher.post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":\"after\"}");
            assertThat(listener.next()).isEqualTo("\"after\"");
        }
    }

    // JSON-B alone would publish each of these: to room "5", to every room, except connection "123", with the first
    // value of the body, or to the last "room" given.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            room as a number   | {"channel":"rooms","room":5,"payload":1}                     | room:
            room as null       | {"channel":"rooms","room":null,"payload":1}                  | room:
            except as a number | {"channel":"rooms","except":123,"payload":1}                 | except:
            windowMs fraction  | {"channel":"rooms","payload":1,"delivery":{"windowMs":0.5}}  | delivery.windowMs:
            content after it   | {"channel":"rooms","payload":1} {"channel":"chat","payload":2} | The body goes on after
            room given twice   | {"channel":"rooms","room":"x","room":"lobby","payload":1}    | body: the key "room"
            """)
    void publish_looselyTypedBody_is400NamingTheField_andNoRoomHearsIt(String name, String body, String detailStart) {
        try (WsClient member = WsClient.open(base, "rooms/lobby")) {
            HttpResponse<String> response = publisher.post("api/broadcasts", body);

            assertProblem(response, 400);
            assertThat(WsClient.parse(response.body()).getString("detail")).startsWith(detailStart);
            publisher.post("api/broadcasts", "{\"channel\":\"rooms\",\"room\":\"lobby\",\"payload\":\"after\"}");
            assertThat(member.next()).isEqualTo("\"after\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            name given twice  | {"name":"a","name":"b"}
            name as a number  | {"name":5}
            name as null      | {"name":null}
            missing name      | {}
            lone surrogate    | {"name":"x\\ud800"}
            blank name        | {"name":""}
            name too long     | {"name":"12345678901234567890123456789012345678901234567890123456789012345"}
            name not a string | {"name":{"first":"a"}}
            malformed JSON    | {"name":
            """)
    void createUser_badBody_is400Problem(String name, String body) {
        assertProblem(rest.post("api/users", body), 400);
    }

    @Test
    void bodyOver64KiB_is413Problem() {
        String huge = "{\"channel\":\"notifications\",\"payload\":\"" + "x".repeat(64 * 1024) + "\"}";

        assertProblem(publisher.post("api/broadcasts", huge), 413);
    }

    @Test
    void wrongMediaTypeAndMethodAndPath_areProblems() {
        assertProblem(publisher.send(HttpRequest.newBuilder(rest.uri("api/broadcasts"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi"))), 415);
        assertProblem(publisher.get("api/broadcasts"), 405);
        assertProblem(rest.get("api/nothing-here"), 404);
        assertProblem(rest.get("api/users/999999"), 404);
    }

    @Test
    void options_answersWithAllow_noWadl_andNoAnswerNamesTheServerOrItsParts() {
        HttpResponse<String> options = rest.send(HttpRequest.newBuilder(rest.uri("api/broadcasts"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> wadl = rest.get("api/application.wadl");

        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow").orElseThrow().split(",\\s*"))
                .containsExactlyInAnyOrder("POST", "OPTIONS");
        assertThat(options.headers().firstValue("Content-Type").orElse("")).doesNotContain("wadl");
        assertProblem(wadl, 404);
        List<HttpResponse<String>> answers = List.of(options, wadl, rest.get("index.html"), rest.get("nothing-here"),
                rest.get("notifications"), publisher.post("api/broadcasts", "{}"), rest.get("api/registry"));
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Server")).as(answer.uri().toString()).isEmpty();
            assertThat(answer.headers().firstValue("X-Powered-By")).as(answer.uri().toString()).isEmpty();
            assertThat(answer.body()).as(answer.uri().toString())
                    .doesNotContainIgnoringCase("jersey").doesNotContainIgnoringCase("payara").doesNotContain("wadl");
        });
    }

    @Test
    void unknownPath_andPlainRequestsToWebSocketPaths_areProblems() {
        HttpResponse<String> unknown = rest.get("nothing-here");
        assertProblem(unknown, 404);
        assertThat(WsClient.parse(unknown.body()).getString("detail")).startsWith("There is nothing at this path");
        assertProblem(rest.get("error-problem"), 404);
        assertProblem(rest.send(HttpRequest.newBuilder(rest.uri("index.html"))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))), 403);

        for (String path : List.of("notifications", "chat", "rooms/lobby", "feed?topics=a")) {
            HttpResponse<String> plain = rest.get(path);
            assertProblem(plain, 426);
            assertThat(plain.headers().firstValue("Upgrade")).as(path).hasValue("websocket");
        }
        // With a valid token, so that nothing but the missing upgrade is wrong.
        assertProblem(rest.withToken(Tokens.user("user-a")).get("user"), 426);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = WsClient.parse(response.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
