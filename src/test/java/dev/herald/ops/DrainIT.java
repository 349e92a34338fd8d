package dev.herald.ops;

import dev.herald.fixture.DrainFixture;
import dev.herald.fixture.FireFixture;
import dev.herald.support.Deployments;
import dev.herald.support.Rest;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A draining instance, as a shutdown leaves it before it exits: queued messages delivered, every client closed with
 * 1001, readiness DOWN, liveness UP, new handshakes refused with 503. One test, since draining cannot be undone.
 */
@ExtendWith(ArquillianExtension.class)
class DrainIT {

    private static final int MESSAGES = 500;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(DrainFixture.class, FireFixture.class);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void drain_withThreeClients_deliversQueuedThen1001_turnsReadinessDown_andRefusesHandshakes() {
        URI base = Deployments.onLoopback(deployed);
        Rest rest = new Rest(base);
        assertThat(rest.get("/health/ready").statusCode()).isEqualTo(200);
        List<WsClient> clients = Stream.generate(() -> WsClient.open(base, "chat")).limit(3).toList();

        // A greeting is queued just before its connection is registered: wait until all three are.
        await().atMost(Duration.ofSeconds(10)).until(() -> rest.registry().getInt("connections") == 3);
        rest.post("api/fixture/fire/sequence?channel=chat&count=" + MESSAGES, "");
        HttpResponse<String> drained = rest.post("api/fixture/drain", "");

        assertThat(drained.body()).isEqualTo("3");
        List<String> expected = IntStream.rangeClosed(1, MESSAGES)
                .mapToObj(seq -> "{\"thread\":0,\"seq\":" + seq + "}").toList();
        for (WsClient client : clients) {
            assertThat(client.next(MESSAGES)).isEqualTo(expected);
            assertThat(client.awaitClose()).isEqualTo(1001);
            assertThat(client.closeReason()).isEqualTo("going_away");
        }

        HttpResponse<String> ready = rest.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonObject readiness = WsClient.parse(ready.body());
        assertThat(readiness.getString("status")).isEqualTo("DOWN");
        assertThat(rest.readinessData(ReadinessCheck.NAME)).containsEntry("draining", "true")
                .containsEntry("connections", "0");
        assertThat(rest.get("/health/live").statusCode()).isEqualTo(200);

        Throwable refused = catchThrowable(() -> WsClient.open(base, "chat"));
        WebSocketHandshakeException handshake = handshakeFailure(refused);
        assertThat(handshake.getResponse().statusCode()).isEqualTo(503);
        assertThat(handshake.getResponse().headers().firstValue("Retry-After")).hasValue("1");
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException handshake) {
                return handshake;
            }
        }
        throw new AssertionError("Expected a refused handshake", failure);
    }
}
