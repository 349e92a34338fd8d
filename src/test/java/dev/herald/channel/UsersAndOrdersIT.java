package dev.herald.channel;

import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Handshake;
import dev.herald.support.Rest;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /user} and orders: who may connect, which connections a user audience reaches (from an EJB timer and from
 * REST), expiry of open connections, and orders processed in the background.
 */
class UsersAndOrdersIT extends DeployedHerald {

    private static final String END = "\"end\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void userA_twoConnections_userB_one_eventsFromTimerAndRest_reachEachUserAConnectionExactlyTwice_userBNever() {
        try (WsClient a1 = WsClient.open(base, "user", "bearer", Tokens.user("user-a"));
             WsClient a2 = WsClient.open(base, "user?access_token=" + Tokens.user("user-a"));
             WsClient b = WsClient.open(base, "user", "bearer", Tokens.user("user-b"))) {

            assertThat(a1.subprotocol()).isEqualTo("bearer");
            assertThat(a1.greeting().getString("user")).isEqualTo("user-a");
            assertThat(a2.greeting().getString("user")).isEqualTo("user-a");
            assertThat(b.greeting().getString("channel")).isEqualTo("user");
            assertThat(WsClient.parse(publisher.get("api/registry/keys").body()).getJsonArray("users"))
                    .isEqualTo(Json.createArrayBuilder().add("user-a").add("user-b").build());

            // From the EJB timer, which has no caller: the order processor tells the order's owner.
            long orderId = placeOrder("user-a", "book");
            JsonObject updated = orderUpdated(orderId);
            assertThat(a1.nextJson()).isEqualTo(updated);
            assertThat(a2.nextJson()).isEqualTo(updated);

            // From REST.
            HttpResponse<String> toA = publisher.post("api/broadcasts",
                    "{\"channel\":\"user\",\"users\":[\"user-a\"],\"payload\":{\"n\":2}}");
            assertThat(WsClient.parse(toA.body()).getInt("recipients")).isEqualTo(2);
            assertThat(a1.next()).isEqualTo("{\"n\":2}");
            assertThat(a2.next()).isEqualTo("{\"n\":2}");

            HttpResponse<String> toBoth = publisher.post("api/broadcasts",
                    "{\"channel\":\"user\",\"users\":[\"user-a\",\"user-b\"],\"payload\":" + END + "}");
            assertThat(WsClient.parse(toBoth.body()).getInt("recipients")).isEqualTo(3);
            for (WsClient client : List.of(a1, a2, b)) {
                // user-b's first frame is the end marker: neither event to user-a reached it.
                assertThat(client.next()).isEqualTo(END);
                assertThat(client.drain()).isEmpty();
            }

            a1.send("hello?");
            assertThat(a1.nextJson().getString("code")).isEqualTo("read_only");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("users") == 0);
    }

    @Test
    void handshake_withoutAValidToken_is401WithoutUpgrade_andTheRegistryDoesNotChange() throws IOException {
        byte[] otherSecret = "another-secret-that-herald-does-not-know-at-all".getBytes(StandardCharsets.UTF_8);
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("bad signature", Tokens.sign("user-a", List.of(), Tokens.ISSUER, inAnHour, otherSecret));
        badTokens.put("expired", Tokens.mint("user-a", List.of(), Duration.ofHours(-1)));
        badTokens.put("other issuer", Tokens.sign("user-a", List.of(), "someone-else", inAnHour, Tokens.secret()));
        badTokens.put("malformed", "not.a-jwt.at-all");

        assertRefused("no token", Handshake.attempt(base, "user"));
        assertRefused("bearer without token", Handshake.attempt(base, "user", Map.of("Sec-WebSocket-Protocol", "bearer")));
        for (Map.Entry<String, String> bad : badTokens.entrySet()) {
            assertRefused(bad.getKey() + " as subprotocol",
                    Handshake.attempt(base, "user", Map.of("Sec-WebSocket-Protocol", "bearer, " + bad.getValue())));
            assertRefused(bad.getKey() + " as query", Handshake.attempt(base, "user?access_token=" + bad.getValue()));
        }
        assertThat(rest.registry().getJsonObject("channels").getInt("user")).isZero();
        assertThat(rest.registry().getInt("users")).isZero();

        Handshake accepted = Handshake.attempt(base, "user",
                Map.of("Sec-WebSocket-Protocol", "bearer, " + Tokens.user("user-a")));
        assertThat(accepted.status()).isEqualTo(101);
        assertThat(accepted.headers().get("sec-websocket-protocol")).isEqualTo("bearer");
    }

    @Test
    void openConnection_whoseTokenExpires_isClosedWith1008TokenExpired_andLeavesTheRegistry() {
        String shortLived = Tokens.mint("user-brief", List.of(), Duration.ofSeconds(3));
        try (WsClient client = WsClient.open(base, "user", "bearer", shortLived)) {
            assertThat(client.greeting().getString("user")).isEqualTo("user-brief");

            assertThat(client.awaitClose()).isEqualTo(1008);
            assertThat(client.closeReason()).isEqualTo("token_expired");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("users") == 0);
    }

    @Test
    void order_byAuthenticatedUser_isProcessedWithin3Seconds_onEveryOwnerConnection_andNoOtherUserHearsOfIt() {
        try (WsClient owner1 = WsClient.open(base, "user", "bearer", Tokens.user("buyer"));
             WsClient owner2 = WsClient.open(base, "user", "bearer", Tokens.user("buyer"));
             WsClient other = WsClient.open(base, "user", "bearer", Tokens.user("bystander"))) {

            long started = System.nanoTime();
            HttpResponse<String> placed = rest.withToken(Tokens.user("buyer")).post("api/orders", "{\"item\":\"book\"}");
            assertThat(placed.statusCode()).isEqualTo(202);
            JsonObject order = WsClient.parse(placed.body());
            assertThat(order.getString("status")).isEqualTo("pending");
            long id = order.getJsonNumber("id").longValue();

            assertThat(owner1.nextJson()).isEqualTo(orderUpdated(id));
            assertThat(owner2.nextJson()).isEqualTo(orderUpdated(id));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

            publisher.post("api/broadcasts", "{\"channel\":\"user\",\"users\":[\"bystander\"],\"payload\":" + END + "}");
            assertThat(other.next()).isEqualTo(END);
        }
    }

    @Test
    void order_withoutAValidTokenOrItem_isAProblem() {
        assertThat(rest.post("api/orders", "{\"item\":\"book\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> expired = rest.withToken(Tokens.mint("buyer", List.of(), Duration.ofHours(-1)))
                .post("api/orders", "{\"item\":\"book\"}");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(WsClient.parse(expired.body()).getString("detail")).contains("expired");

        Rest buyer = rest.withToken(Tokens.user("buyer"));
        for (String body : List.of("{}", "{\"item\":\"\"}", "{\"item\":\"" + "x".repeat(101) + "\"}", "{\"item\":")) {
            HttpResponse<String> response = buyer.post("api/orders", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
        }
    }

    @Test
    void mintedToken_fromTheLocalEndpoint_opensUserConnection() {
        HttpResponse<String> minted = rest.post("api/tokens", "{\"sub\":\"local-dev\",\"ttl_seconds\":60}");
        assertThat(minted.statusCode()).isEqualTo(200);
        String token = WsClient.parse(minted.body()).getString("token");

        try (WsClient client = WsClient.open(base, "user", "bearer", token)) {
            assertThat(client.greeting().getString("user")).isEqualTo("local-dev");
        }
        assertThat(rest.post("api/tokens", "{\"sub\":\"has space\"}").statusCode()).isEqualTo(400);
    }

    private long placeOrder(String user, String item) {
        HttpResponse<String> placed = rest.withToken(Tokens.user(user)).post("api/orders", "{\"item\":\"" + item + "\"}");
        assertThat(placed.statusCode()).isEqualTo(202);
        return WsClient.parse(placed.body()).getJsonNumber("id").longValue();
    }

    private static JsonObject orderUpdated(long id) {
        return WsClient.parse("{\"type\":\"order_updated\",\"order_id\":" + id + ",\"status\":\"processed\"}");
    }

    private static void assertRefused(String what, Handshake answer) {
        assertThat(answer.status()).as(what).isEqualTo(401);
        assertThat(answer.headers().get("content-type")).as(what).startsWith("application/problem+json");
        assertThat(answer.headers().get("www-authenticate")).as(what).startsWith("Bearer");
        assertThat(answer.body()).as(what).doesNotContain("Exception");
    }
}
