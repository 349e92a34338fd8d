package dev.herald.cluster;

import dev.herald.fixture.ClusterFixture;
import dev.herald.ops.ClusterCheck;
import dev.herald.support.Deployments;
import dev.herald.support.PayaraProcess;
import dev.herald.support.Rest;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three real Payara Micro instances, A, B and C, forming one cluster on loopback through Payara's data grid, with the
 * demo clock ticking every second. The tests run in order: the first three use A and B while all three live; the
 * fourth kills C under a stream of broadcasts; the fifth watches the clock on A and B, then kills B; the last
 * restarts B and sees it serve again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration TICK = Duration.ofSeconds(1);
    // Start, join and deploy on a busy 2-core machine, for three instances at once.
    private static final Duration CLUSTER_FORMED = Duration.ofMinutes(3);

    private final String clusterName = "herald-it-" + UUID.randomUUID();
    private final List<Integer> gridPorts = new ArrayList<>();
    private final PayaraProcess[] instances = new PayaraProcess[3];
    private File war;

    @BeforeAll
    void startThreeInstances() throws IOException {
        war = new File("target/herald-cluster-it.war");
        Deployments.herald(ClusterFixture.class).as(ZipExporter.class).exportTo(war, true);
        for (int i = 0; i < instances.length; i++) {
            gridPorts.add(PayaraProcess.freePort());
        }
        for (int i = 0; i < instances.length; i++) {
            instances[i] = start(i);
        }
        for (PayaraProcess instance : instances) {
            instance.awaitReady();
        }
        awaitMembers(3, a(), b(), c());
    }

    @AfterAll
    void stopAll() {
        for (PayaraProcess instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    @Order(1)
    void oneCallOnA_100RoomEventsAnd10UserEvents_reachEveryClientOnBothInstancesExactlyOnceInOrder() {
        try (WsClient a1 = WsClient.open(a().base(), "rooms/r1");
             WsClient a2 = WsClient.open(a().base(), "rooms/r1");
             WsClient b1 = WsClient.open(b().base(), "rooms/r1");
             WsClient b2 = WsClient.open(b().base(), "rooms/r1");
             WsClient userC = WsClient.open(b().base(), "user", "bearer", Tokens.user("user-c"))) {
            awaitConnections(a(), 2);
            awaitConnections(b(), 3);

            assertThat(new Rest(a().base()).post("api/fixture/cluster/room-and-user?room=r1&roomCount=100&user=user-c", "")
                    .statusCode()).isEqualTo(204);

            List<String> roomFrames = Stream.concat(IntStream.rangeClosed(1, 100).mapToObj(seq -> "{\"seq\":" + seq + "}"),
                    Stream.of(ClusterFixture.END)).toList();
            for (WsClient client : List.of(a1, a2, b1, b2)) {
                assertThat(client.next(101)).isEqualTo(roomFrames);
            }
            assertThat(userC.next(11)).isEqualTo(Stream.concat(
                    IntStream.rangeClosed(1, 10).mapToObj(k -> "{\"user\":" + k + "}"),
                    Stream.of(ClusterFixture.END)).toList());
        }
        for (PayaraProcess instance : List.of(a(), b())) {
            assertThat(instance.console()).doesNotContain("SerializationException", "NotSerializableException",
                    "ClassNotFoundException", "SEVERE");
            assertThat(new Rest(instance.base()).readinessData(ClusterCheck.NAME)).containsEntry("framesFailed", "0");
        }
    }

    @Test
    @Order(2)
    void restBroadcastOnA_exceptingAChatConnectionOnB_reachesEveryOtherChatConnection_andNotThatOne() {
        try (WsClient onA = WsClient.open(a().base(), "chat");
             WsClient excluded = WsClient.open(b().base(), "chat");
             WsClient onB = WsClient.open(b().base(), "chat")) {
            awaitConnections(a(), 1);
            awaitConnections(b(), 2);
            Rest publisher = new Rest(a().base()).withToken(Tokens.publisher());

            HttpResponse<String> first = publisher.post("api/broadcasts", "{\"channel\":\"chat\",\"except\":\""
                    + excluded.connectionId() + "\",\"payload\":{\"n\":1}}");
            assertThat(first.statusCode()).isEqualTo(202);
            publisher.post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":{\"n\":2}}");

            assertThat(onA.next(2)).containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(onB.next(2)).containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(excluded.next()).isEqualTo("{\"n\":2}");

            // And a client's own chat frame, relayed from B, reaches A but never its sender.
            onB.send("{\"from\":\"b\"}");
            assertThat(onA.next()).isEqualTo("{\"from\":\"b\"}");
            assertThat(excluded.next()).isEqualTo("{\"from\":\"b\"}");
            publisher.post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":{\"n\":3}}");
            assertThat(onB.next()).isEqualTo("{\"n\":3}");
        }
    }

    @Test
    @Order(3)
    void batchedBurstFiredOnA_arrivesOnBsClientsAsTheSameBatchFramesAsOnAs() {
        try (WsClient onA = WsClient.open(a().base(), "rooms/batch");
             WsClient onB = WsClient.open(b().base(), "rooms/batch")) {
            awaitConnections(a(), 1);
            awaitConnections(b(), 1);

            new Rest(a().base()).post("api/fixture/cluster/batched?room=batch&count=50&windowMs=100", "");

            List<String> framesOnA = untilEnd(onA);
            List<String> framesOnB = untilEnd(onB);
            assertThat(framesOnB).isEqualTo(framesOnA);
            List<String> batches = framesOnA.subList(0, framesOnA.size() - 1);
            assertThat(batches).isNotEmpty().allSatisfy(frame ->
                    assertThat(WsClient.parse(frame).getString("type")).isEqualTo("batch"));
            List<String> messages = batches.stream().flatMap(frame -> WsClient.parse(frame).getJsonArray("messages")
                    .stream().map(Object::toString)).toList();
            assertThat(messages).isEqualTo(IntStream.rangeClosed(1, 50).mapToObj(n -> "{\"n\":" + n + "}").toList());
        }
    }

    @Test
    @Order(4)
    void threeInstancesUnderAStream_cIsKilled_clientsOfAAndBMissNothing_andCsClientsAreClosedAndReconnectToA() {
        int count = 300;
        try (WsClient onA = WsClient.open(a().base(), "feed?topics=stream");
             WsClient onB = WsClient.open(b().base(), "feed?topics=stream");
             WsClient onC = WsClient.open(c().base(), "feed?topics=stream")) {
            awaitConnections(a(), 1);
            awaitConnections(b(), 1);
            awaitConnections(c(), 1);

            new Rest(a().base()).post("api/fixture/cluster/stream?topic=stream&count=" + count + "&everyMs=20", "");
            // C dies in the middle of the stream, once its client has seen a good part of it.
            assertThat(onC.next(50)).hasSize(50);
            c().kill();

            List<String> expected = Stream.concat(IntStream.rangeClosed(1, count).mapToObj(seq -> "{\"seq\":" + seq + "}"),
                    Stream.of(ClusterFixture.END)).toList();
            assertThat(onA.next(count + 1)).isEqualTo(expected);
            assertThat(onB.next(count + 1)).isEqualTo(expected);
            await("C's client sees its connection end").atMost(Duration.ofSeconds(30)).until(onC::isClosed);

            try (WsClient reconnected = WsClient.open(a().base(), "feed?topics=stream")) {
                awaitConnections(a(), 2);
                new Rest(a().base()).post("api/fixture/cluster/stream?topic=stream&count=1&everyMs=1", "");
                assertThat(reconnected.next(2)).containsExactly("{\"seq\":1}", ClusterFixture.END);
                assertThat(onB.next(2)).containsExactly("{\"seq\":1}", ClusterFixture.END);
            }
        }
        awaitMembers(2, a(), b());
    }

    @Test
    @Order(5)
    void clockOnTwoInstances_eachTickOnceForEveryClient_andAfterBIsKilledTheTicksGoOnWithoutRepeatOrLongGap() {
        try (WsClient onA = WsClient.open(a().base(), "notifications");
             WsClient onB = WsClient.open(b().base(), "notifications")) {
            awaitConnections(a(), 1);
            awaitConnections(b(), 1);

            List<Instant> ticksOnA = ticks(onA, 5);
            List<Instant> ticksOnB = ticks(onB, 5);
            assertConsecutive(ticksOnA);
            assertConsecutive(ticksOnB);
            // The same ticks on both, from the first one both clients were connected for.
            Instant bothConnected = ticksOnA.getFirst().isAfter(ticksOnB.getFirst())
                    ? ticksOnA.getFirst() : ticksOnB.getFirst();
            assertThat(ticksOnB.stream().filter(tick -> !tick.isBefore(bothConnected)).limit(4).toList())
                    .isEqualTo(ticksOnA.stream().filter(tick -> !tick.isBefore(bothConnected)).limit(4).toList());

            b().kill();
            List<Instant> afterKill = ticks(onA, 5);
            List<Instant> all = Stream.concat(ticksOnA.stream(), afterKill.stream()).toList();
            assertThat(all).doesNotHaveDuplicates().isSorted();
            for (int i = 1; i < all.size(); i++) {
                assertThat(Duration.between(all.get(i - 1), all.get(i))).as("gap before tick %s", all.get(i))
                        .isLessThanOrEqualTo(TICK.multipliedBy(2));
            }
        }
        awaitMembers(1, a());
    }

    @Test
    @Order(6)
    void bRestarted_rejoinsTheCluster_andItsClientsReceiveWhatIsFiredOnA() throws IOException {
        instances[1] = start(1).awaitReady();
        awaitMembers(2, a(), b());
        try (WsClient onB = WsClient.open(b().base(), "rooms/again")) {
            awaitConnections(b(), 1);
            new Rest(a().base()).post("api/fixture/cluster/batched?room=again&count=1&windowMs=1", "");
            assertThat(untilEnd(onB)).containsExactly("{\"type\":\"batch\",\"messages\":[{\"n\":1}]}",
                    ClusterFixture.END);
        }
    }

    private PayaraProcess start(int member) throws IOException {
        return PayaraProcess.startMember(war, Map.of(
                        "herald.jwt.secret", System.getProperty("herald.test.jwt.secret"),
                        "herald.demo.tick-seconds", String.valueOf(TICK.toSeconds())),
                clusterName, gridPorts, member);
    }

    private PayaraProcess a() {
        return instances[0];
    }

    private PayaraProcess b() {
        return instances[1];
    }

    private PayaraProcess c() {
        return instances[2];
    }

    private static void awaitMembers(int members, PayaraProcess... instances) {
        for (PayaraProcess instance : instances) {
            Rest rest = new Rest(instance.base());
            await("a cluster of " + members + " seen from " + instance.base()).atMost(CLUSTER_FORMED)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> rest.readinessData(ClusterCheck.NAME).get("members"), String.valueOf(members)::equals);
        }
    }

    private static void awaitConnections(PayaraProcess instance, int connections) {
        Rest rest = new Rest(instance.base());
        await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("connections") == connections);
    }

    // The frames up to and including the end frame, ticks left out.
    private static List<String> untilEnd(WsClient client) {
        List<String> frames = new ArrayList<>();
        String frame;
        do {
            frame = client.next();
            frames.add(frame);
        } while (!frame.equals(ClusterFixture.END));
        return frames;
    }

    private static List<Instant> ticks(WsClient client, int count) {
        List<Instant> ticks = new ArrayList<>();
        for (String frame : client.next(count)) {
            JsonObject tick = WsClient.parse(frame);
            assertThat(tick.getString("type")).isEqualTo("tick");
            ticks.add(Instant.parse(tick.getString("at")));
        }
        return ticks;
    }

    private static void assertConsecutive(List<Instant> ticks) {
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("ticks %s", ticks).isEqualTo(TICK);
        }
    }
}
