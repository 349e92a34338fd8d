package dev.herald.channel;

import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.Handshake;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /rooms/{roomId}}: relays stay inside a room, REST reaches one room or all, bad room ids never upgrade. */
class RoomsIT extends DeployedHerald {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void twelveMembersInTwoRooms_relaysAndRoomSendsStayInTheRoom_allRoomsReachesAll_emptyRoomsAreForgotten()
            throws InterruptedException {
        WsClient a = WsClient.open(base, "rooms/alpha");
        WsClient b = WsClient.open(base, "rooms/beta");
        List<WsClient> alphaOthers = new ArrayList<>();
        List<WsClient> betaOthers = new ArrayList<>();
        connectAtOnce(5, "rooms/alpha", 5, "rooms/beta", alphaOthers, betaOthers);
        List<WsClient> alpha = Stream.concat(Stream.of(a), alphaOthers.stream()).toList();
        List<WsClient> beta = Stream.concat(Stream.of(b), betaOthers.stream()).toList();
        List<WsClient> everyone = Stream.concat(alpha.stream(), beta.stream()).toList();
        try {
            assertThat(a.greeting().getString("room")).isEqualTo("alpha");
            assertThat(b.greeting().getString("channel")).isEqualTo("rooms");
            assertThat(rest.registry().getJsonObject("channels").getInt("rooms")).isEqualTo(12);
            assertThat(rest.registry().getInt("rooms")).isEqualTo(2);

            a.send("from a: {\"x\": 1 }");
            for (WsClient member : alphaOthers) {
                assertThat(member.next()).isEqualTo("from a: {\"x\": 1 }");
            }

            HttpResponse<String> toAlpha = publish("{\"channel\":\"rooms\",\"room\":\"alpha\",\"payload\":{\"to\":\"alpha\"}}");
            assertThat(toAlpha.statusCode()).isEqualTo(202);
            assertThat(WsClient.parse(toAlpha.body()).getInt("recipients")).isEqualTo(6);
            for (WsClient member : alpha) {
                assertThat(member.next()).isEqualTo("{\"to\":\"alpha\"}");
            }

            HttpResponse<String> toAll = publish("{\"channel\":\"rooms\",\"payload\":{\"to\":\"all\"}}");
            assertThat(WsClient.parse(toAll.body()).getInt("recipients")).isEqualTo(12);
            for (WsClient member : everyone) {
                // Beta members get this as their first frame: nothing from alpha crossed over before it.
                assertThat(member.next()).isEqualTo("{\"to\":\"all\"}");
                assertThat(member.drain()).isEmpty();
            }
        } finally {
            everyone.forEach(WsClient::close);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("connections") == 0);
        assertThat(rest.registry().getInt("rooms")).isZero();
    }

    @Test
    void memberWithToken_isClosed1008TokenExpiredWhenItExpires_anonymousMemberStays() {
        String shortLived = Tokens.mint("room-brief", List.of(), Duration.ofSeconds(3));
        try (WsClient member = WsClient.open(base, "rooms/brief", "bearer", shortLived);
             WsClient anonymous = WsClient.open(base, "rooms/brief")) {
            assertThat(member.greeting().getString("user")).isEqualTo("room-brief");

            assertThat(member.awaitClose()).isEqualTo(1008);
            assertThat(member.closeReason()).isEqualTo("token_expired");
            await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("connections") == 1);
            assertThat(publish("{\"channel\":\"rooms\",\"room\":\"brief\",\"payload\":{\"after\":\"expiry\"}}")
                    .statusCode()).isEqualTo(202);
            assertThat(anonymous.next()).isEqualTo("{\"after\":\"expiry\"}");
        }
    }

    @Test
    void memberFrame_inRoomOfOne_reachesNobody_andBetaRelaysStayInBeta() {
        try (WsClient lonely = WsClient.open(base, "rooms/solo");
             WsClient b1 = WsClient.open(base, "rooms/beta");
             WsClient b2 = WsClient.open(base, "rooms/beta")) {
            lonely.send("anyone?");
            b1.send("hi b2");

            assertThat(b2.next()).isEqualTo("hi b2");
            publish("{\"channel\":\"rooms\",\"payload\":\"end\"}");
            assertThat(lonely.next()).isEqualTo("\"end\"");
            assertThat(b1.next()).isEqualTo("\"end\"");
            assertThat(b2.next()).isEqualTo("\"end\"");
        }
    }

    @Test
    void badRoomIds_areRefusedWith400AndNoUpgrade_andTheRegistryDoesNotChange() throws IOException {
        String tooLong = "r".repeat(65);
        List<String> badPaths = List.of("rooms/" + tooLong, "rooms/a%20b", "rooms/bad.id", "rooms/caf%C3%A9",
                "rooms/a!", "rooms/a/b", "rooms/", "rooms");

        for (String path : badPaths) {
            Handshake answer = Handshake.attempt(base, path);

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.headers().get("content-type")).as(path).startsWith("application/problem+json");
            assertThat(WsClient.parse(answer.body()).getString("detail")).as(path)
                    .isEqualTo("The room id in /rooms/{roomId} must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        assertThat(rest.registry().getInt("connections")).isZero();

        try (WsClient longest = WsClient.open(base, "rooms/" + "r".repeat(63) + "_")) {
            assertThat(longest.greeting().getString("room")).isEqualTo("r".repeat(63) + "_");
        }
    }

    private HttpResponse<String> publish(String json) {
        return publisher.post("api/broadcasts", json);
    }

    // Opens all the clients from their own threads, released together by one latch.
    private void connectAtOnce(int firstCount, String firstPath, int secondCount, String secondPath,
                               List<WsClient> first, List<WsClient> second) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(firstCount + secondCount);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<WsClient>> firstOpening = opening(pool, start, firstCount, firstPath);
            List<CompletableFuture<WsClient>> secondOpening = opening(pool, start, secondCount, secondPath);
            start.countDown();
            firstOpening.forEach(future -> first.add(future.join()));
            secondOpening.forEach(future -> second.add(future.join()));
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private List<CompletableFuture<WsClient>> opening(ExecutorService pool, CountDownLatch start, int count, String path) {
        List<CompletableFuture<WsClient>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return WsClient.open(base, path);
            }, pool));
        }
        return futures;
    }
}
