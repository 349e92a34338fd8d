package dev.herald.job;

import dev.herald.fixture.LogProblems;
import dev.herald.support.Deployments;
import dev.herald.support.Rest;
import dev.herald.support.Tokens;
import dev.herald.support.StalledClient;
import dev.herald.support.WsClient;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heartbeats with short settings (ping every 500 ms, silent connections closed after 1,500 ms): a client that vanished
 * without a close frame is found and removed, and clients that only listen are never closed as idle.
 */
@ExtendWith(ArquillianExtension.class)
class HeartbeatIT {

    private static final long TIMEOUT_MS = 1500;
    private static final long SWEEP_MS = TIMEOUT_MS / 4;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.herald(LogProblems.class),
                "herald.delivery.heartbeat.interval-ms=500",
                "herald.delivery.heartbeat.timeout-ms=" + TIMEOUT_MS);
    }

    @ArquillianResource
    URL deployed;

    private URI base;
    private Rest rest;

    @BeforeEach
    void setUp() {
        base = Deployments.onLoopback(deployed);
        rest = new Rest(base).withToken(Tokens.publisher());
    }

    @Test
    void vanishedClient_withoutCloseFrame_isRemovedWithinTheHeartbeatTimeout_whileItsRoomGetsEverything()
            throws Exception {
        List<WsClient> live = Stream.generate(() -> WsClient.open(base, "rooms/lobby")).limit(3).toList();
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger published = new AtomicInteger();
        // A machine that lost power: its TCP connection stays up, but nothing is read or answered any more.
        try (StalledClient vanished = StalledClient.open(base, "rooms/lobby")) {
            long vanishedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> roomsCount() == 4);
            publisher.scheduleAtFixedRate(() -> rest.post("api/broadcasts",
                    "{\"channel\":\"rooms\",\"room\":\"lobby\",\"payload\":" + published.incrementAndGet() + "}"),
                    0, 100, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
                    .until(() -> roomsCount() == 3);
            long removedAfterMs = (System.nanoTime() - vanishedAt) / 1_000_000;
            publisher.shutdown();
            assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            // Silent since its handshake: closed once the timeout passed, found by the next sweep.
            assertThat(removedAfterMs).isBetween(TIMEOUT_MS, TIMEOUT_MS + SWEEP_MS + 1000);
            assertThat(vanished.readUntilClose()).isEqualTo("1001 heartbeat_timeout");
            List<String> expected = IntStream.rangeClosed(1, published.get()).mapToObj(Integer::toString).toList();
            for (WsClient client : live) {
                assertThat(client.next(expected.size())).isEqualTo(expected);
                assertThat(client.isClosed()).isFalse();
            }
        } finally {
            publisher.shutdownNow();
            live.forEach(WsClient::close);
        }
    }

    @Test
    void abortedClient_isRemovedWithinTheHeartbeatTimeout() {
        try (WsClient survivor = WsClient.open(base, "notifications")) {
            WsClient aborted = WsClient.open(base, "notifications");
            await().atMost(Duration.ofSeconds(5)).until(() -> notificationsCount() == 2);

            aborted.abort();

            await().atMost(Duration.ofMillis(TIMEOUT_MS + SWEEP_MS)).until(() -> notificationsCount() == 1);
            assertThat(survivor.isClosed()).isFalse();
        }
    }

    @Test
    void receiveOnlyAndPingOnlyClients_surviveThreeTimesTheIdleTimeout() throws Exception {
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger published = new AtomicInteger();
        // Receive-only: gets a broadcast every 200 ms and never sends a frame. Ping-only: /chat stays quiet, so all
        // it ever gets is Herald's pings, which its WebSocket stack answers.
        try (WsClient receiveOnly = WsClient.open(base, "notifications");
             WsClient pingOnly = WsClient.open(base, "chat")) {
            publisher.scheduleAtFixedRate(() -> rest.post("api/broadcasts",
                    "{\"channel\":\"notifications\",\"payload\":" + published.incrementAndGet() + "}"),
                    0, 200, TimeUnit.MILLISECONDS);

            await().during(Duration.ofMillis(3 * TIMEOUT_MS)).atMost(Duration.ofMillis(3 * TIMEOUT_MS + 2000))
                    .until(() -> !receiveOnly.isClosed() && !pingOnly.isClosed());
            publisher.shutdown();
            assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(rest.registry().getInt("connections")).isEqualTo(2);
            assertThat(receiveOnly.next(published.get()))
                    .isEqualTo(IntStream.rangeClosed(1, published.get()).mapToObj(Integer::toString).toList());
            assertThat(rest.post("api/broadcasts", "{\"channel\":\"chat\",\"payload\":\"still here\"}").statusCode())
                    .isEqualTo(202);
            assertThat(pingOnly.next()).isEqualTo("\"still here\"");
            // Only Herald's own log: the clients this class makes vanish leave EOFException warnings from Tyrus.
            assertThat(rest.get("api/fixture/log-problems?logger=dev.herald").body()).isEqualTo("[]");
        } finally {
            publisher.shutdownNow();
        }
    }

    private int roomsCount() {
        return rest.registry().getJsonObject("channels").getInt("rooms");
    }

    private int notificationsCount() {
        return rest.registry().getJsonObject("channels").getInt("notifications");
    }
}
