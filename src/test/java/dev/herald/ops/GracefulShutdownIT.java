package dev.herald.ops;

import dev.herald.fixture.FireFixture;
import dev.herald.support.Deployments;
import dev.herald.support.PayaraProcess;
import dev.herald.support.Rest;
import dev.herald.support.WsClient;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to a Payara Micro running Herald: every client gets what was queued for it, then 1001 {@code going_away},
 * and the process exits within the drain bound; the same for idle clients when nothing else has happened since the
 * start (Herald's first close then runs on Payara's stopping thread). Runs its own Payara Micro, started as the
 * README's run command starts it, since the point is to stop it.
 */
class GracefulShutdownIT {

    private static final int CLIENTS = 5;
    private static final int MESSAGES = 2_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    // Payara Micro's own stop after the drain: undeploying, removing its runtime directory (about 2 s).
    private static final Duration PAYARA_STOP = Duration.ofSeconds(10);

    @Test
    void sigterm_withIdleClientsAndNoRequestSinceTheStart_eachGets1001_andProcessExitsWithinBound() throws Exception {
        File war = new File("target/herald-shutdown-idle-it.war");
        Deployments.herald().as(ZipExporter.class).exportTo(war, true);

        try (PayaraProcess payara = PayaraProcess.startAsShipped(war, Map.of())) {
            payara.awaitReady();
            List<WsClient> clients = Stream.generate(() -> WsClient.open(payara.base(), "notifications"))
                    .limit(CLIENTS).toList();
            for (WsClient client : clients) {
                assertThat(client.greeting().getString("type")).isEqualTo("connected");
            }

            payara.terminate();

            for (WsClient client : clients) {
                assertThat(client.awaitClose()).isEqualTo(1001);
                assertThat(client.closeReason()).isEqualTo("going_away");
            }
            assertThat(payara.awaitExit(PAYARA_STOP)).isIn(0, 143);
        }
    }

    @Test
    void sigterm_withFiveClientsAndQueuedMessages_eachReceivesItsMessagesThen1001_andProcessExitsWithinBound()
            throws Exception {
        File war = new File("target/herald-shutdown-it.war");
        Deployments.herald(FireFixture.class).as(ZipExporter.class).exportTo(war, true);

        // Started as the README's run command starts it: Payara stops its services in a different race without a grid.
        try (PayaraProcess payara = PayaraProcess.startAsShipped(war,
                Map.of("herald.shutdown.drain-timeout-ms", String.valueOf(DRAIN_TIMEOUT.toMillis())))) {
            payara.awaitReady();
            List<WsClient> clients = Stream.generate(() -> WsClient.open(payara.base(), "notifications"))
                    .limit(CLIENTS).toList();

            // A greeting is queued just before its connection is registered: wait until all are.
            Rest rest = new Rest(payara.base());
            await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("connections") == CLIENTS);

            // Fired from the request thread in one go, SIGTERM right after: frames may still be queued when it arrives.
            rest.post("api/fixture/fire/sequence?channel=notifications&count=" + MESSAGES, "");
            long terminated = System.nanoTime();
            payara.terminate();

            List<String> expected = IntStream.rangeClosed(1, MESSAGES)
                    .mapToObj(seq -> "{\"thread\":0,\"seq\":" + seq + "}").toList();
            List<Integer> closeCodes = new ArrayList<>();
            for (WsClient client : clients) {
                assertThat(client.next(MESSAGES)).isEqualTo(expected);
                closeCodes.add(client.awaitClose());
                assertThat(client.closeReason()).isEqualTo("going_away");
                assertThat(client.drain()).isEmpty();
            }
            assertThat(closeCodes).containsOnly(1001).hasSize(CLIENTS);

            assertThat(payara.awaitExit(DRAIN_TIMEOUT.plus(PAYARA_STOP))).isIn(0, 143);
            Duration took = Duration.ofNanos(System.nanoTime() - terminated);
            assertThat(took).isLessThan(DRAIN_TIMEOUT.plus(PAYARA_STOP));
        }
    }
}
