package dev.herald.registry;

import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.StalledClient;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The registry holds exactly the open connections, and one client that stops reading holds up nobody. */
class ConnectionRegistryIT extends DeployedHerald {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void clientsClosingNormallyOrDroppingTcp_leaveTheRegistryEmpty() {
        List<WsClient> notifications = Stream.generate(() -> WsClient.open(base, "notifications")).limit(3).toList();
        List<WsClient> chat = Stream.generate(() -> WsClient.open(base, "chat")).limit(2).toList();

        assertThat(rest.registry().getInt("connections")).isEqualTo(5);
        assertThat(rest.registry().getJsonObject("channels").getInt("notifications")).isEqualTo(3);
        assertThat(rest.registry().getJsonObject("channels").getInt("chat")).isEqualTo(2);

        notifications.get(0).close();
        notifications.get(1).abort();
        notifications.get(2).close();
        chat.get(0).abort();
        chat.get(1).close();

        await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("connections") == 0);
        assertThat(rest.registry().getJsonObject("channels").getInt("notifications")).isZero();
        assertThat(rest.registry().getJsonObject("channels").getInt("chat")).isZero();
    }

    @Test
    void clientThatStopsReading_doesNotHoldUpTheOthers() throws IOException {
        String padding = "x".repeat(8 * 1024);
        List<WsClient> readers = Stream.generate(() -> WsClient.open(base, "notifications")).limit(3).toList();
        try (StalledClient stalled = StalledClient.openAnsweringFirstPing(base, "notifications")) {
            for (int i = 1; i <= 300; i++) {
                assertThat(rest.withToken(Tokens.publisher()).post("api/broadcasts",
                        "{\"channel\":\"notifications\",\"payload\":{\"seq\":" + i + ",\"pad\":\"" + padding + "\"}}")
                        .statusCode()).isEqualTo(202);
            }

            for (WsClient reader : readers) {
                List<Integer> seqs = reader.next(300).stream().map(frame -> WsClient.parse(frame).getInt("seq")).toList();
                assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 300).boxed().toList());
            }
        } finally {
            readers.forEach(WsClient::close);
        }
    }
}
