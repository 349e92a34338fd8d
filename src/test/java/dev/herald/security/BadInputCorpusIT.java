package dev.herald.security;

import dev.herald.fixture.LogProblems;
import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Handshake;
import dev.herald.support.RawWsClient;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input corpus of {@code docs/security.md}: handshakes, frames and REST bodies that a script or a buggy client
 * might send, each with the answer Herald documents for it. Afterwards Herald must still serve a fresh client, hold
 * only live connections, and have logged no SEVERE entry. And whatever the corpus tries, one user never receives
 * another user's messages.
 */
class BadInputCorpusIT extends DeployedHerald {

    private static final String EVIL = "https://evil.example";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(LogProblems.class);
    }

    @Test
    void corpus_eachCaseGetsItsDocumentedAnswer_thenHeraldStillServes_registryClean_noSevereLog() {
        Map<String, Case> corpus = new LinkedHashMap<>();
        handshakes(corpus);
        frames(corpus);
        restBodies(corpus);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);

        SoftAssertions softly = new SoftAssertions();
        corpus.forEach((name, c) -> {
            String observed;
            try {
                observed = c.attempt().call();
            } catch (Exception e) {
                observed = "threw " + e;
            }
            softly.assertThat(observed).as(name).isEqualTo(c.expected());
        });
        softly.assertAll();

        await().atMost(Duration.ofSeconds(15)).until(() -> rest.registry().getInt("connections") == 0);
        try (WsClient fresh = WsClient.open(base, "notifications")) {
            assertThat(publisher.post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":{\"after\":\"corpus\"}}")
                    .statusCode()).isEqualTo(202);
            assertThat(fresh.next()).isEqualTo("{\"after\":\"corpus\"}");
            assertThat(rest.registry().getInt("connections")).isEqualTo(1);
        }
        assertThat(rest.get("api/fixture/log-problems").body()).doesNotContain("SEVERE");
    }

    @Test
    void userA_neverReceivesUserBsMessages_byAnyRouteTheCorpusTries() throws Exception {
        String forgedB = Tokens.sign("user-b", List.of(), Tokens.ISSUER, Instant.now().plusSeconds(600),
                "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8));
        try (WsClient b = WsClient.open(base, "user", "bearer", Tokens.user("user-b"));
             WsClient a = WsClient.open(base, "user?access_token=" + forgedB, "bearer", Tokens.user("user-a"));
             WsClient aRoom = WsClient.open(base, "rooms/user-b");
             WsClient aFeed = WsClient.open(base, "feed?topics=user-b");
             WsClient aNotifications = WsClient.open(base, "notifications")) {
            assertThat(a.greeting().getString("user")).isEqualTo("user-a");
            // Routes that must not get in at all: a forged token, a foreign-issuer token, B's id as a query.
            assertThat(Handshake.attempt(base, "user?access_token=" + forgedB).status()).isEqualTo(401);
            assertThat(Handshake.attempt(base, "user", Map.of("Sec-WebSocket-Protocol", "bearer, " + forgedB)).status())
                    .isEqualTo(401);
            assertThat(Handshake.attempt(base, "user?user=user-b").status()).isEqualTo(401);
            // A frame from A naming B is refused as read-only, and does nothing.
            a.send("{\"type\":\"subscribe\",\"user\":\"user-b\"}");
            assertThat(a.nextJson().getString("code")).isEqualTo("read_only");

            publisher.post("api/broadcasts", "{\"channel\":\"user\",\"users\":[\"user-b\"],\"payload\":{\"for\":\"b\"}}");
            rest.withToken(Tokens.user("user-b")).post("api/orders", "{\"item\":\"secret\"}");
            JsonObject toB = b.nextJson();
            assertThat(toB.getString("for")).isEqualTo("b");
            assertThat(b.nextJson().getString("type")).isEqualTo("order_updated");

            // A marker sent after B's messages reaches each of A's connections; nothing of B's came before it.
            String marker = "{\"marker\":true}";
            publisher.post("api/broadcasts", "{\"channel\":\"user\",\"users\":[\"user-a\"],\"payload\":" + marker + "}");
            publisher.post("api/broadcasts", "{\"channel\":\"rooms\",\"room\":\"user-b\",\"payload\":" + marker + "}");
            publisher.post("api/broadcasts", "{\"channel\":\"feed\",\"topic\":\"user-b\",\"payload\":" + marker + "}");
            publisher.post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":" + marker + "}");
            assertThat(a.next()).isEqualTo(marker);
            assertThat(aRoom.next()).isEqualTo(marker);
            assertThat(aFeed.next()).isEqualTo(marker);
            assertThat(aNotifications.next()).isEqualTo(marker);
            assertThat(List.of(a.pending(), aRoom.pending(), aFeed.pending(), aNotifications.pending()))
                    .containsOnly(0);
        }
    }

    // --- handshakes ---

    private void handshakes(Map<String, Case> corpus) {
        String self = "http://127.0.0.1:" + base.getPort();
        for (String path : List.of("notifications", "chat", "rooms/lobby", "feed?topics=a")) {
            corpus.put("foreign origin on /" + path, new Case("403", () -> status(path, Map.of("Origin", EVIL))));
        }
        corpus.put("foreign origin on /user with a valid token", new Case("403",
                () -> status("user?access_token=" + Tokens.user("user-a"), Map.of("Origin", EVIL))));
        corpus.put("origin null", new Case("403", () -> status("chat", Map.of("Origin", "null"))));
        corpus.put("own host, other port", new Case("403", () -> status("chat", Map.of("Origin", "http://127.0.0.1:1"))));
        corpus.put("own host and port, other scheme", new Case("403",
                () -> status("chat", Map.of("Origin", self.replace("http:", "https:")))));
        corpus.put("origin with a path suffix trick", new Case("403",
                () -> status("chat", Map.of("Origin", "http://localhost:8080.evil.example"))));
        corpus.put("own origin", new Case("101", () -> status("chat", Map.of("Origin", self))));
        String rebound = "evil.example:" + base.getPort();
        corpus.put("DNS-rebound name as Host and Origin", new Case("403",
                () -> status("chat", Map.of("Host", rebound, "Origin", "http://" + rebound))));
        corpus.put("/user without a token", new Case("401", () -> status("user", Map.of())));
        corpus.put("/user with a garbage token", new Case("401", () -> status("user?access_token=garbage", Map.of())));
        corpus.put("/user with a token signed by another key", new Case("401", () -> status("user?access_token="
                + Tokens.sign("user-a", List.of(), Tokens.ISSUER, Instant.now().plusSeconds(60),
                "wrong-secret-wrong-secret-wrong-secret!".getBytes(StandardCharsets.UTF_8)), Map.of())));
        corpus.put("/user with an expired token", new Case("401", () -> status("user?access_token="
                + Tokens.sign("user-a", List.of(), Tokens.ISSUER, Instant.now().minusSeconds(60), Tokens.secret()), Map.of())));
        corpus.put("/user with a foreign issuer", new Case("401", () -> status("user?access_token="
                + Tokens.sign("user-a", List.of(), "someone-else", Instant.now().plusSeconds(60), Tokens.secret()), Map.of())));
        corpus.put("/user with alg none", new Case("401", () -> status("user?access_token="
                + "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLWEiLCJpc3MiOiJoZXJhbGQiLCJleHAiOjQxMDI0NDQ4MDB9.", Map.of())));
        corpus.put("/user bearer subprotocol with garbage", new Case("401",
                () -> status("user", Map.of("Sec-WebSocket-Protocol", "bearer, not.a.jwt"))));
        corpus.put("room id with a bang", new Case("400", () -> status("rooms/bad!id", Map.of())));
        corpus.put("room id percent-encoded", new Case("400", () -> status("rooms/%41", Map.of())));
        corpus.put("room id of 65 characters", new Case("400", () -> status("rooms/" + "r".repeat(65), Map.of())));
        corpus.put("topics with an empty name", new Case("400", () -> status("feed?topics=a,,b", Map.of())));
        corpus.put("topic with a bad character", new Case("400", () -> status("feed?topics=a%20b", Map.of())));
        corpus.put("65 topics", new Case("400", () -> status("feed?topics=" + String.join(",",
                java.util.stream.IntStream.range(0, 65).mapToObj(i -> "t" + i).toList()), Map.of())));
        corpus.put("broken %-escape in the query of /feed", new Case("400", () -> status("feed?topics=a&x=%zz", Map.of())));
        corpus.put("broken %-escape in the query of /chat", new Case("400", () -> status("chat?%zz", Map.of())));
        corpus.put("/user with a valid token and a broken %-escape", new Case("400",
                () -> status("user?access_token=" + Tokens.user("user-a") + "&x=%zz", Map.of())));
        corpus.put("oversized header", new Case("400", () -> status("chat", Map.of("X-Padding", "p".repeat(20_000)))));
        corpus.put("/rooms with a garbage token", new Case("401",
                () -> status("rooms/lobby?access_token=garbage", Map.of())));
        corpus.put("plain GET on /notifications", new Case("426", () -> problem(rest.get("notifications"))));
        corpus.put("plain GET on /rooms", new Case("426", () -> problem(rest.get("rooms/lobby"))));
        corpus.put("unknown path", new Case("404", () -> problem(rest.get("no/such/path"))));
    }

    private String status(String path, Map<String, String> headers) throws IOException {
        Handshake answer = Handshake.attempt(base, path, headers);
        if (answer.status() != 101 && answer.status() < 500 && !answer.body().isEmpty()) {
            assertThat(answer.headers().get("content-type")).as(path).startsWith("application/problem+json");
        }
        return String.valueOf(answer.status());
    }

    // --- frames ---

    private void frames(Map<String, Case> corpus) {
        byte[] invalidUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        corpus.put("/chat text over 64 KiB", new Case("1009", () -> close("chat", c -> c.text("x".repeat(70_000)))));
        corpus.put("/notifications text over 64 KiB", new Case("1009",
                () -> close("notifications", c -> c.text("x".repeat(70_000)))));
        corpus.put("/rooms text over 1 MiB", new Case("1009",
                () -> close("rooms/lobby", c -> c.text("x".repeat(1_100_000)))));
        corpus.put("/feed control frame over 16 KiB", new Case("1009", () -> close("feed", c -> c.text("x".repeat(17_000)))));
        corpus.put("/chat binary frame", new Case("1003", () -> close("chat", c -> c.frame(RawWsClient.BINARY, new byte[] {1, 2}))));
        corpus.put("/notifications binary frame", new Case("1003",
                () -> close("notifications", c -> c.frame(RawWsClient.BINARY, new byte[] {1}))));
        corpus.put("/chat invalid UTF-8", new Case("1007", () -> close("chat", c -> c.frame(RawWsClient.TEXT, invalidUtf8))));
        corpus.put("/rooms invalid UTF-8", new Case("1007",
                () -> close("rooms/lobby", c -> c.frame(RawWsClient.TEXT, invalidUtf8))));
        corpus.put("ping over 125 bytes", new Case("1002", () -> close("chat", c -> c.frame(RawWsClient.PING, new byte[200]))));
        corpus.put("fragmented ping", new Case("1002",
                () -> close("chat", c -> c.frame(false, 0, RawWsClient.PING, new byte[1], true))));
        corpus.put("reserved opcode 3", new Case("1002", () -> close("chat", c -> c.frame(0x3, new byte[1]))));
        corpus.put("reserved bit set", new Case("1002",
                () -> close("chat", c -> c.frame(true, 4, RawWsClient.TEXT, "{}".getBytes(StandardCharsets.UTF_8), true))));
        corpus.put("continuation without a start", new Case("1002",
                () -> close("chat", c -> c.frame(RawWsClient.CONTINUATION, new byte[1]))));
        corpus.put("flood on /rooms", new Case("1008", () -> close("rooms/flood", c -> {
            for (int i = 0; i < 200; i++) {
                c.text("{}");
            }
        })));
        corpus.put("/feed not JSON", new Case("bad_request", () -> errorCode("feed", "nope")));
        corpus.put("/feed unknown type", new Case("bad_request", () -> errorCode("feed", "{\"type\":\"delete\",\"topics\":[]}")));
        corpus.put("/feed topics not strings", new Case("bad_request",
                () -> errorCode("feed", "{\"type\":\"subscribe\",\"topics\":[1]}")));
        corpus.put("/feed invalid topic name", new Case("bad_request",
                () -> errorCode("feed", "{\"type\":\"subscribe\",\"topics\":[\"a b\"]}")));
        corpus.put("/notifications text frame", new Case("read_only", () -> errorCode("notifications", "{}")));
        corpus.put("/user text frame", new Case("read_only",
                () -> errorCode("user?access_token=" + Tokens.user("user-a"), "{}")));
    }

    private String close(String path, FrameSender sender) throws IOException {
        try (RawWsClient client = RawWsClient.open(base, path)) {
            sender.send(client);
            return String.valueOf(client.awaitClose());
        }
    }

    private String errorCode(String path, String frame) {
        try (WsClient client = WsClient.open(base, path)) {
            client.send(frame);
            return client.nextJson().getString("code");
        }
    }

    // --- REST bodies ---

    private void restBodies(Map<String, Case> corpus) {
        corpus.put("malformed JSON", new Case("400", () -> publish("{\"channel\":")));
        corpus.put("not an object", new Case("400", () -> publish("[1,2]")));
        corpus.put("channel of the wrong type", new Case("400", () -> publish("{\"channel\":5,\"payload\":1}")));
        corpus.put("users of the wrong type", new Case("400",
                () -> publish("{\"channel\":\"user\",\"users\":\"user-a\",\"payload\":1}")));
        corpus.put("missing payload", new Case("400", () -> publish("{\"channel\":\"notifications\"}")));
        corpus.put("null payload", new Case("400", () -> publish("{\"channel\":\"notifications\",\"payload\":null}")));
        corpus.put("missing channel", new Case("400", () -> publish("{\"payload\":1}")));
        corpus.put("unknown channel", new Case("400", () -> publish("{\"channel\":\"secret\",\"payload\":1}")));
        corpus.put("unknown field", new Case("400", () -> publish("{\"channel\":\"notifications\",\"payload\":1,\"chanel\":1}")));
        corpus.put("room of the wrong type", new Case("400",
                () -> publish("{\"channel\":\"rooms\",\"room\":5,\"payload\":1}")));
        corpus.put("room null", new Case("400", () -> publish("{\"channel\":\"rooms\",\"room\":null,\"payload\":1}")));
        corpus.put("except of the wrong type", new Case("400",
                () -> publish("{\"channel\":\"chat\",\"except\":123,\"payload\":1}")));
        corpus.put("content after the body", new Case("400",
                () -> publish("{\"channel\":\"chat\",\"payload\":1}{\"channel\":\"chat\",\"payload\":2}")));
        corpus.put("duplicate key", new Case("400",
                () -> publish("{\"channel\":\"notifications\",\"channel\":\"chat\",\"payload\":1}")));
        corpus.put("duplicate key inside the payload", new Case("400",
                () -> publish("{\"channel\":\"chat\",\"payload\":{\"a\":1,\"a\":2}}")));
        corpus.put("payload nested 1,000 deep", new Case("400",
                () -> publish("{\"channel\":\"chat\",\"payload\":" + "[".repeat(1000) + "]".repeat(1000) + "}")));
        corpus.put("room on another channel", new Case("400",
                () -> publish("{\"channel\":\"chat\",\"room\":\"lobby\",\"payload\":1}")));
        corpus.put("body over 64 KiB", new Case("413",
                () -> publish("{\"channel\":\"notifications\",\"payload\":\"" + "x".repeat(70_000) + "\"}")));
        corpus.put("empty body", new Case("400", () -> publish("")));
        corpus.put("body that is not UTF-8", new Case("400", () -> problem(publisher.send(HttpRequest.newBuilder(
                rest.uri("api/broadcasts")).header("Content-Type", "application/json")
                // Latin-1 writes these two characters as the bytes FF FE, which no UTF-8 text contains.
                .POST(HttpRequest.BodyPublishers.ofByteArray("{\"channel\":\"chat\",\"payload\":\"\u00ff\u00fe\"}"
                        .getBytes(StandardCharsets.ISO_8859_1)))))));
        corpus.put("text/plain body", new Case("415", () -> problem(publisher.send(HttpRequest.newBuilder(
                rest.uri("api/broadcasts")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))))));
        corpus.put("publish without a token", new Case("401",
                () -> problem(rest.post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":1}"))));
        corpus.put("publish without the role", new Case("403", () -> problem(rest.withToken(Tokens.user("user-a"))
                .post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":1}"))));
        corpus.put("user with an unknown field", new Case("400", () -> problem(rest.post("api/users", "{\"name\":\"x\",\"admin\":true}"))));
        corpus.put("user with a blank name", new Case("400", () -> problem(rest.post("api/users", "{\"name\":\" \"}"))));
        corpus.put("order without an item", new Case("400",
                () -> problem(rest.withToken(Tokens.user("user-a")).post("api/orders", "{}"))));
        corpus.put("token with ttl of the wrong type", new Case("400",
                () -> problem(rest.post("api/tokens", "{\"sub\":\"x\",\"ttl_seconds\":\"long\"}"))));
        corpus.put("token with groups smuggled as a string", new Case("400",
                () -> problem(rest.post("api/tokens", "{\"sub\":\"x\",\"groups\":\"publisher\"}"))));
    }

    private String publish(String body) {
        return problem(publisher.post("api/broadcasts", body));
    }

    // The status, after checking that the answer is a problem that gives nothing of Herald's insides away.
    private static String problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception", "dev.herald", "org.", "\tat ", "java.");
        return String.valueOf(response.statusCode());
    }

    private record Case(String expected, Callable<String> attempt) {
    }

    @FunctionalInterface
    private interface FrameSender {
        void send(RawWsClient client) throws IOException;
    }

}
