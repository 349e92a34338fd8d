package dev.herald.channel;

import dev.herald.fixture.TransactionFixture;
import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /notifications}: user creation, read-only frames, exclusion, and transactions around firing. */
class NotificationsIT extends DeployedHerald {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(TransactionFixture.class);
    }

    @Test
    void createUser_threeClients_eachReceivesExactlyOneUserCreated_andDuplicateNameReachesNobody() {
        try (WsClient a = WsClient.open(base, "notifications");
             WsClient b = WsClient.open(base, "notifications");
             WsClient c = WsClient.open(base, "notifications")) {

            HttpResponse<String> created = createUser("user-1");
            HttpResponse<String> duplicate = createUser("user-1");
            HttpResponse<String> second = createUser("user-2");

            assertThat(created.statusCode()).isEqualTo(201);
            JsonObject user1 = WsClient.parse(created.body());
            assertThat(user1.getString("name")).isEqualTo("user-1");
            assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/api/users/" + user1.getJsonNumber("id").longValue()));
            assertThat(duplicate.statusCode()).isEqualTo(409);
            assertThat(duplicate.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonObject user2 = WsClient.parse(second.body());

            for (WsClient client : List.of(a, b, c)) {
                // The duplicate's frame, had there been one, would come between these two.
                assertThat(client.nextJson()).isEqualTo(userCreated(user1));
                assertThat(client.nextJson()).isEqualTo(userCreated(user2));
                assertThat(client.drain()).isEmpty();
            }
        }
    }

    @Test
    void clientFrame_onNotifications_isAnsweredWithReadOnlyError_andConnectionStaysOpen() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            client.send("hello?");

            JsonObject error = client.nextJson();
            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("code")).isEqualTo("read_only");
            assertThat(error.getString("message")).isNotBlank();

            assertThat(publish("{\"channel\":\"notifications\",\"payload\":{\"still\":\"open\"}}").statusCode()).isEqualTo(202);
            assertThat(client.next()).isEqualTo("{\"still\":\"open\"}");
        }
    }

    @Test
    void publish_withExcept_reachesEveryoneButTheExcludedConnection() {
        try (WsClient a = WsClient.open(base, "notifications");
             WsClient b = WsClient.open(base, "notifications");
             WsClient c = WsClient.open(base, "notifications")) {

            HttpResponse<String> response = publish(
                    "{\"channel\":\"notifications\",\"payload\":{\"n\":1},\"except\":\"" + b.connectionId() + "\"}");
            publish("{\"channel\":\"notifications\",\"payload\":{\"n\":2}}");

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(WsClient.parse(response.body()).getInt("recipients")).isEqualTo(2);
            assertThat(a.next(2)).containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(c.next(2)).containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(b.next()).isEqualTo("{\"n\":2}");
        }
    }

    @Test
    void connected_frame_namesChannel_andFiveConnectionsGetFiveDistinctIds() {
        List<WsClient> clients = Stream.generate(() -> WsClient.open(base, "notifications")).limit(5).toList();
        try {
            for (WsClient client : clients) {
                assertThat(client.greeting().getString("type")).isEqualTo("connected");
                assertThat(client.greeting().getString("channel")).isEqualTo("notifications");
            }
            assertThat(clients.stream().map(WsClient::connectionId).distinct()).hasSize(5);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void fireInsideTransaction_goesOutAfterCommit_andNeverAfterRollback() {
        try (WsClient client = WsClient.open(base, "notifications")) {
            rest.post("api/fixture/tx/rollback?marker=rolled-back", "");
            rest.post("api/fixture/tx/commit?marker=committed", "");
            assertThat(client.next()).isEqualTo("{\"marker\":\"committed\"}");

            assertThat(rest.post("api/fixture/tx/hold?marker=held", "").body()).isEqualTo("fired");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> client.pending() == 0);
            rest.post("api/fixture/tx/release", "");
            assertThat(client.next()).isEqualTo("{\"marker\":\"held\"}");
        }
    }

    private HttpResponse<String> createUser(String name) {
        return rest.post("api/users", "{\"name\":\"" + name + "\"}");
    }

    private HttpResponse<String> publish(String json) {
        return rest.withToken(Tokens.publisher()).post("api/broadcasts", json);
    }

    private static JsonObject userCreated(JsonObject user) {
        return WsClient.parse("{\"type\":\"user_created\",\"user\":" + user + "}");
    }
}
