package dev.herald.delivery;

import dev.herald.fixture.LogProblems;
import dev.herald.support.Deployments;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that never reads, with {@code drop_oldest} on {@code /notifications}: it stays connected, its queue stays
 * bounded, and every frame it does not get is counted.
 */
@ExtendWith(ArquillianExtension.class)
class SlowConsumerDropOldestIT {

    private static final int QUEUE_MAX_MESSAGES = 100;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.herald(LogProblems.class),
                "herald.delivery.notifications.overflow-policy=drop_oldest",
                "herald.delivery.queue.max-messages=" + QUEUE_MAX_MESSAGES);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void stalledClient_underDropOldest_staysOpen_andReceivedPlusDroppedIsEveryFrame() throws Exception {
        try (StalledClientScenario scenario = new StalledClientScenario(Deployments.onLoopback(deployed))) {
            scenario.fireAll();
            scenario.recordPublishTimes("drop_oldest");

            scenario.assertNormalClientsGotEverythingInOrder();
            assertThat(scenario.slowestPublishMillis()).as("slowest REST publish, ms").isLessThan(1000);
            JsonObject stalled = scenario.stalledCounters().orElseThrow();
            assertThat(stalled.getInt("peakWaiting")).isEqualTo(QUEUE_MAX_MESSAGES);
            assertThat(stalled.getJsonNumber("dropped").longValue()).isPositive();
            assertThat(scenario.notificationsCount()).isEqualTo(StalledClientScenario.NORMAL_CLIENTS + 1);

            // The client starts reading: it gets what was not dropped, oldest first, and the newest last.
            List<String> frames = scenario.stalled.readTextFramesUntilQuiet(2000);
            long dropped = scenario.stalledCounters().orElseThrow().getJsonNumber("dropped").longValue();
            assertThat(WsClient.parse(frames.getFirst()).getString("type")).isEqualTo("connected");
            List<Integer> numbers = frames.stream().skip(1).map(f -> WsClient.parse(f).getInt("n")).toList();
            assertThat(numbers).isSorted().doesNotHaveDuplicates().endsWith(StalledClientScenario.BROADCASTS);
            assertThat(numbers.size() + dropped).isEqualTo(StalledClientScenario.BROADCASTS);
            assertThat(scenario.rest.get("api/fixture/log-problems").body()).isEqualTo("[]");
        }
    }
}
