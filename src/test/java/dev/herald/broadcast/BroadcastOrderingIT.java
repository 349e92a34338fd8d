package dev.herald.broadcast;

import dev.herald.fixture.FireFixture;
import dev.herald.fixture.LogProblems;
import dev.herald.support.DeployedHerald;
import dev.herald.support.Deployments;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Order per firing thread, and exact delivery while several threads fire and clients come and go. */
class BroadcastOrderingIT extends DeployedHerald {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(FireFixture.class, LogProblems.class);
    }

    @Test
    void oneThreadFiresThousandEvents_everyClientReceivesAllInOrder() {
        List<WsClient> clients = open(3);
        try {
            assertThat(rest.post("api/fixture/fire/sequence?channel=notifications&count=1000", "").statusCode())
                    .isEqualTo(204);

            for (WsClient client : clients) {
                List<Integer> received = client.next(1000).stream()
                        .map(frame -> WsClient.parse(frame).getInt("seq"))
                        .toList();
                assertThat(received).containsExactlyElementsOf(IntStream.rangeClosed(1, 1000).boxed().toList());
                assertThat(client.drain()).isEmpty();
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void eightThreadsFire_whileClientsComeAndGo_eachSteadyClientReceivesExactlyEveryEvent() {
        List<WsClient> steady = open(5);
        AtomicReference<Throwable> churnFailure = new AtomicReference<>();
        CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> churn(20, churnFailure));
        try {
            assertThat(rest.post("api/fixture/fire/concurrent?channel=notifications&threads=8&count=100", "")
                    .statusCode()).isEqualTo(204);
            assertThat(churn.join()).isEqualTo(20);
            assertThat(churnFailure.get()).isNull();

            for (WsClient client : steady) {
                List<JsonObject> frames = client.next(800).stream().map(WsClient::parse).toList();
                assertThat(client.drain()).isEmpty();
                assertThat(frames).hasSize(800);
                assertEachThreadInOrder(frames);
            }
            assertThat(rest.get("api/fixture/log-problems").body()).isEqualTo("[]");
        } finally {
            steady.forEach(WsClient::close);
        }
    }

    // Opens and closes `count` extra clients, one after the other, while events are being fired.
    private int churn(int count, AtomicReference<Throwable> failure) {
        int done = 0;
        try {
            for (int i = 0; i < count; i++) {
                WsClient.open(base, "notifications").close();
                done++;
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        return done;
    }

    private static void assertEachThreadInOrder(List<JsonObject> frames) {
        Map<Integer, List<Integer>> seqByThread = new HashMap<>();
        for (JsonObject frame : frames) {
            seqByThread.computeIfAbsent(frame.getInt("thread"), t -> new ArrayList<>()).add(frame.getInt("seq"));
        }
        assertThat(seqByThread).hasSize(8);
        List<Integer> oneToHundred = IntStream.rangeClosed(1, 100).boxed().toList();
        seqByThread.forEach((thread, seqs) -> assertThat(seqs).as("thread %d", thread).isEqualTo(oneToHundred));
    }

    private List<WsClient> open(int count) {
        return Stream.generate(() -> WsClient.open(base, "notifications")).limit(count).toList();
    }
}
