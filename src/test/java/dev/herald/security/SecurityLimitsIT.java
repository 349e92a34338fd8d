package dev.herald.security;

import dev.herald.fixture.FloodFixture;
import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Handshake;
import dev.herald.support.RawWsClient;
import dev.herald.support.ServerSockets;
import dev.herald.support.StalledClient;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    private static final int UNFINISHED_UPGRADES = 40;

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
    }

    @Test
    void handshakesThatHangUpAtOnce_leaveTheRegistryWithinTheFirstPongTimeout_andFreeTheirUsersPlaces() throws Exception {
        int before = rest.registry().getInt("connections");
        String token = Tokens.user("ghost-user");
        for (int i = 0; i < 20; i++) {
            Handshake.sendAndHangUp(base, "notifications");
        }
        for (int i = 0; i < 16; i++) {
            Handshake.sendAndHangUp(base, "user?access_token=" + token);
        }
        long hungUp = System.nanoTime();

        // Upgraded after their clients left, some look connected to the container; none ever answers the first ping.
        await().atMost(Duration.ofSeconds(20)).until(() -> rest.registry().getInt("connections") <= before);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hungUp)).isLessThan(15_000);

        // The user's places are free again: all 16 can be taken by live connections.
        List<WsClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                held.add(WsClient.open(base, "user", "bearer", token));
            }
            assertThat(rest.registry().getJsonObject("channels").getInt("user")).isEqualTo(16);
        } finally {
            held.forEach(WsClient::close);
        }
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
    void upgradesThatNeverComplete_closedAfterTenSilentSeconds_socketsBackToBaseline_upgradedConnectionUntouched()
            throws Exception {
        int baseline = ServerSockets.established(base);
        List<Socket> unfinished = new ArrayList<>();
        try (WsClient upgraded = WsClient.open(base, "notifications")) {
            String partial = "GET " + base.getPath() + "notifications HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
            for (int i = 0; i < UNFINISHED_UPGRADES; i++) {
                Socket socket = new Socket();
                unfinished.add(socket);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
                socket.setSoTimeout(30_000);
                if (i % 2 == 1) {
                    // Half of them start a handshake and stop before its end; the others never send a byte.
                    socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                }
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ServerSockets.established(base) >= baseline + 1 + UNFINISHED_UPGRADES);
            long lastOpened = System.nanoTime();

            // At most: idle keep-alive connections of earlier REST calls, counted in the baseline, may go too.
            await().atMost(Duration.ofSeconds(25)).until(() -> ServerSockets.established(base) <= baseline + 1);
            long releasedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastOpened);
            for (Socket socket : unfinished) {
                // The server closed each one without a word: end of stream, no response.
                assertThat(socket.getInputStream().readAllBytes()).isEmpty();
            }
            // Not before their 10 s of silence (a second of the container's timer granularity aside).
            assertThat(releasedAfter).isGreaterThanOrEqualTo(9_000);

            // The upgraded connection, as silent all that time, is Herald's heartbeat's business, not this timeout's.
            publisher.post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":{\"after\":\"silence\"}}");
            assertThat(upgraded.next()).isEqualTo("{\"after\":\"silence\"}");
        } finally {
            for (Socket socket : unfinished) {
                socket.close();
            }
        }
    }

    @Test
    void stalledClientEvicted_itsSocketIsReleasedWithinTheGracePeriod() throws Exception {
        int baseline = ServerSockets.established(base);
        try (StalledClient stalled = StalledClient.openAnsweringFirstPing(base, "notifications")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ServerSockets.established(base) == baseline + 1);

            // About 40 MB: past what Tyrus buffers by itself and then past Herald's own 1 MiB queue.
            rest.post("api/fixture/flood?channel=notifications&count=5000&bytes=8192", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> rest.registry().getInt("connections") == 0);

            // Closed by Herald while the client reads nothing: the socket goes within the 2 s grace period.
            long closedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> ServerSockets.established(base) <= baseline);
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
}
