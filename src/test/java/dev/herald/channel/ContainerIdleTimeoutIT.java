package dev.herald.channel;

import dev.herald.fixture.IdleTimeoutProbe;
import dev.herald.support.Deployments;
import dev.herald.support.WsClient;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every WebSocket session of the application starts with a negative idle timeout, so that Tyrus schedules no idle
 * task when it creates the session or for any frame (see {@link ContainerIdleTimeout}).
 */
@ExtendWith(ArquillianExtension.class)
class ContainerIdleTimeoutIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(IdleTimeoutProbe.class);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void newSession_startsWithANegativeIdleTimeout_soTheContainerNeverSchedulesItsIdleTask() {
        URI base = Deployments.onLoopback(deployed);
        URI probe = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("fixture/idle-timeout");

        // The first IT of a run on a cold machine once found the probe not yet answering; wait until it does.
        WsClient connected = await("the probe endpoint accepts a connection").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> WsClient.connect(probe), Objects::nonNull);
        try (WsClient client = connected) {
            assertThat(Long.parseLong(client.next())).isEqualTo(ContainerIdleTimeout.NEVER);
        }
    }
}
