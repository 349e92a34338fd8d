package dev.herald.delivery;

import dev.herald.fixture.LogProblems;
import dev.herald.support.Deployments;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that never reads, under the default policy {@code disconnect}: it is closed, nobody else notices. */
@ExtendWith(ArquillianExtension.class)
class SlowConsumerDisconnectIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(LogProblems.class);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void stalledClient_underDisconnect_isClosedWith1013_andTenNormalClientsGetAllThousandInOrder() throws Exception {
        try (StalledClientScenario scenario = new StalledClientScenario(Deployments.onLoopback(deployed))) {
            scenario.fireAll();
            scenario.recordPublishTimes("disconnect");

            scenario.assertNormalClientsGotEverythingInOrder();
            assertThat(scenario.slowestPublishMillis()).as("slowest REST publish, ms").isLessThan(1000);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> scenario.notificationsCount() == StalledClientScenario.NORMAL_CLIENTS);
            assertThat(scenario.stalled.readUntilClose()).isEqualTo("1013 slow_consumer");

            // Its queue did fill (the client stopped confirming what it read) and stayed within the 1 MiB default.
            JsonObject seen = scenario.lastSeenStalled();
            assertThat(seen.getInt("peakWaiting")).isBetween(1, 1024);
            assertThat(seen.getJsonNumber("peakWaitingBytes").longValue()).isBetween(1L, 1024L * 1024);
            assertThat(seen.getJsonNumber("dropped").longValue()).isZero();
            assertThat(scenario.rest.get("api/fixture/log-problems").body()).isEqualTo("[]");
        }
    }
}
