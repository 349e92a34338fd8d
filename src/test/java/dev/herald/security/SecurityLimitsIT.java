package dev.herald.security;

import dev.herald.fixture.FloodFixture;
import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Handshake;
import dev.herald.support.RawWsClient;
import dev.herald.support.StalledClient;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits of {@code docs/security.md} one by one, with their defaults: origins, inbound size, inbound rate,
 * connections per user, rooms per user, topics per connection, user creations per address, and the release of sockets
 * Herald closed.
 */
class SecurityLimitsIT extends DeployedHerald {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(FloodFixture.class);
    }

    @Test
    void handshake_originOnOrOffTheAllowList_upgradedOrRefusedWith403() throws IOException {
        String self = "http://127.0.0.1:" + base.getPort();

        assertThat(Handshake.attempt(base, "notifications", Map.of("Origin", self)).status()).isEqualTo(101);
        assertThat(Handshake.attempt(base, "chat", Map.of("Origin", "http://localhost:8080")).status()).isEqualTo(101);
        assertThat(Handshake.attempt(base, "chat").status()).isEqualTo(101);

        Handshake foreign = Handshake.attempt(base, "chat", Map.of("Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(foreign.body()).contains("\"status\":403");
        // Not asserted here: that the three upgraded handshakes, which hang up at once without a close frame, leave
        // the registry at once. One run in several kept them longer than 30 s (the heartbeat reaps them at 60 s);
        // that is an open bug of issue 8, not a property of the origin check this test is about.
    }

    @Test
    void chat_frameOverInboundLimit_closes1009_earlierFrameDelivered_nothingOfItRelayed_outboundNotCut() throws IOException {
        try (WsClient listener = WsClient.open(base, "chat");
             RawWsClient sender = RawWsClient.open(base, "chat")) {
            sender.text("{\"n\":1}");
            assertThat(listener.next()).isEqualTo("{\"n\":1}");

            sender.text("y".repeat(64 * 1024 + 1));
            assertThat(sender.awaitClose()).isEqualTo(1009);

            // Outbound frames are not bound by the inbound limit: a 200 KiB broadcast still arrives whole.
            rest.post("api/fixture/flood?channel=chat&count=1&bytes=" + 200 * 1024, "");
            String big = listener.next();
            assertThat(big).hasSizeGreaterThan(200 * 1024).startsWith("{\"seq\":1,");
            assertThat(listener.pending()).isZero();
        }
    }

    @Test
    void chat_frameAtInboundLimit_isRelayed() throws IOException {
        try (WsClient listener = WsClient.open(base, "chat");
             RawWsClient sender = RawWsClient.open(base, "chat")) {
            String atLimit = "\"" + "é".repeat((64 * 1024 - 2) / 2) + "\"";
            assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
            sender.text(atLimit);
            assertThat(listener.next()).isEqualTo(atLimit);
        }
    }

    @Test
    void chat_flood_firstExcessAnsweredRateLimited_thenClosed1008_burstRelayed() throws IOException {
        try (WsClient listener = WsClient.open(base, "chat");
             RawWsClient flooder = RawWsClient.open(base, "chat")) {
            for (int i = 1; i <= 200; i++) {
                flooder.text("{\"n\":" + i + "}");
            }
            assertThat(flooder.awaitClose()).isEqualTo(1008);

            List<JsonObject> frames = flooder.texts().stream().map(WsClient::parse).toList();
            assertThat(frames.get(0).getString("type")).isEqualTo("connected");
            List<JsonObject> errors = frames.stream().filter(f -> "error".equals(f.getString("type", ""))).toList();
            // One error per run of excess: a run ends when a token has refilled, so a 200-frame burst sees a few.
            assertThat(errors).isNotEmpty().hasSizeLessThan(10)
                    .allSatisfy(error -> assertThat(error.getString("code")).isEqualTo("rate_limited"));

            // The burst of 40 passed at least; the listener saw them in order and nothing past the close.
            List<String> relayed = new ArrayList<>(listener.next(40));
            assertThat(relayed.get(0)).isEqualTo("{\"n\":1}");
            assertThat(relayed.get(39)).isEqualTo("{\"n\":40}");
        }
    }

    @Test
    void user_oneConnectionPastTheCap_closed1008TooManyConnections_theOthersStay() {
        String token = Tokens.user("cap-user");
        List<WsClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                held.add(WsClient.open(base, "user", "bearer", token));
            }
            try (WsClient extra = WsClient.connect(URI.create(base.toString().replaceFirst("^http", "ws")).resolve("user"),
                    "bearer", token)) {
                assertThat(extra.awaitClose()).isEqualTo(1008);
                assertThat(extra.closeReason()).isEqualTo("too_many_connections");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getJsonObject("channels").getInt("user") == 16);
        } finally {
            held.forEach(WsClient::close);
        }
    }

    @Test
    void rooms_userJoinsOneRoomPastTheCap_closed1008TooManyRooms_otherRoomsAndAnonymousMembersStay() {
        String token = Tokens.user("room-cap-user");
        List<WsClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                WsClient member = WsClient.open(base, "rooms/cap-" + i, "bearer", token);
                assertThat(member.greeting().getString("user")).isEqualTo("room-cap-user");
                held.add(member);
            }
            // A second connection to a room the user is in already is no room more.
            held.add(WsClient.open(base, "rooms/cap-0", "bearer", token));
            held.add(WsClient.open(base, "rooms/cap-16"));

            try (WsClient extra = WsClient.connect(URI.create(base.toString().replaceFirst("^http", "ws"))
                    .resolve("rooms/cap-16"), "bearer", token)) {
                assertThat(extra.awaitClose()).isEqualTo(1008);
                assertThat(extra.closeReason()).isEqualTo("too_many_rooms");
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> rest.registry().getJsonObject("channels").getInt("rooms") == 18);
            assertThat(held).noneMatch(WsClient::isClosed);
            JsonObject keys = WsClient.parse(rest.withToken(Tokens.publisher()).get("api/registry/keys").body());
            assertThat(keys.getJsonArray("users").toString()).as("room members are no /user connections")
                    .doesNotContain("room-cap-user");
        } finally {
            held.forEach(WsClient::close);
        }
    }

    @Test
    void createUser_pastTheBurstFromOneAddress_is429WithRetryAfter_anotherAddressIsServed() throws IOException {
        // The burst of 20 passes; whatever refilled meanwhile (one every 6 s) may pass too, then come refusals.
        int created = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> response = rest.post("api/users", "{\"name\":\"burst-" + i + "\"}");
            if (response.statusCode() == 201) {
                created++;
            } else {
                refused = response;
            }
        }

        assertThat(created).isGreaterThanOrEqualTo(20);
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // 10 a minute refill one every 6 s; the burst took some of that time already.
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 6L);
        assertThat(WsClient.parse(refused.body()).getString("detail"))
                .isEqualTo("Too many users created from your address: try again in " + retryAfter + " s");
        assertThat(rest.get("api/users/999999").statusCode()).as("other requests are not limited").isEqualTo(404);

        HttpClient otherAddress = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
        HttpResponse<String> elsewhere = send(otherAddress, HttpRequest.newBuilder(rest.uri("api/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from-elsewhere\"}")).build());
        assertThat(elsewhere.statusCode()).isEqualTo(201);
    }

    @Test
    void feed_subscribePastSixtyFourTopics_getsTooManyTopics_nothingChanges() {
        StringBuilder topics = new StringBuilder("{\"type\":\"subscribe\",\"topics\":[");
        for (int i = 0; i < 65; i++) {
            topics.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        try (WsClient feed = WsClient.open(base, "feed?topics=a")) {
            feed.send(topics.append("]}").toString());
            JsonObject error = feed.nextJson();
            assertThat(error.getString("code")).isEqualTo("too_many_topics");
            feed.send("{\"type\":\"subscribe\",\"topics\":[\"b\"]}");
            assertThat(feed.nextJson().getJsonArray("topics")).hasSize(2);
        }
    }

    @Test
    void stalledClientEvicted_itsSocketIsReleasedWithinTheGracePeriod() throws Exception {
        int baseline = establishedOnServerPort();
        try (StalledClient stalled = StalledClient.open(base, "notifications")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> establishedOnServerPort() == baseline + 1);

            // About 40 MB: past what Tyrus buffers by itself and then past Herald's own 1 MiB queue.
            rest.post("api/fixture/flood?channel=notifications&count=5000&bytes=8192", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> rest.registry().getInt("connections") == 0);

            // Closed by Herald while the client reads nothing: the socket goes within the 2 s grace period.
            long closedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> establishedOnServerPort() <= baseline);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt)).isLessThan(6_000);
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    // Server-side ESTABLISHED sockets on the test server's port: one per connection, whoever the client is.
    private int establishedOnServerPort() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "( sport = :" + base.getPort() + " )")
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        return (int) out.lines().filter(line -> !line.isBlank()).count();
    }
}
