package dev.herald.broadcast;

import dev.herald.fixture.LogProblems;
import dev.herald.fixture.TimerFixture;
import dev.herald.support.Deployments;
import dev.herald.support.Rest;
import dev.herald.support.Tokens;
import dev.herald.support.WsClient;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several producers at once: REST threads, an EJB timer and a long REST request, all firing to the same clients. */
@ExtendWith(ArquillianExtension.class)
class ConcurrentProducersIT {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 50;
    private static final int TIMER_EVENTS = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald(TimerFixture.class, TimerFixture.Job.class, LogProblems.class);
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
    void eightRestThreads_whileATimerSendsToOneUser_everyoneGetsExactlyTheirShare_asWholeJsonInOrder()
            throws Exception {
        List<WsClient> notified = Stream.generate(() -> WsClient.open(base, "notifications")).limit(4).toList();
        // The user: one more /notifications connection, and a /user connection that the timer addresses by user id.
        WsClient userNotifications = WsClient.open(base, "notifications");
        WsClient userOwn = WsClient.open(base, "user", "bearer", Tokens.user("user-a"));
        try {
            // The timer starts while the REST threads are at it: thread 1 starts it after its 10th broadcast.
            publishFromThreads(() -> assertThat(
                    rest.post("api/fixture/timer?channel=user&target=user-a&stream=user&count=" + TIMER_EVENTS, "").statusCode())
                    .isEqualTo(204));

            for (WsClient client : notified) {
                assertEachThreadInOrder(client.next(THREADS * PER_THREAD));
            }
            assertEachThreadInOrder(userNotifications.next(THREADS * PER_THREAD));
            List<Integer> timerSeqs = userOwn.next(TIMER_EVENTS).stream()
                    .map(frame -> WsClient.parse(frame).getInt("seq")).toList();
            assertThat(timerSeqs).isEqualTo(IntStream.rangeClosed(1, TIMER_EVENTS).boxed().toList());

            for (WsClient client : all(notified, userNotifications, userOwn)) {
                assertThat(client.drain()).isEmpty();
                assertThat(client.isClosed()).isFalse();
            }
            assertThat(rest.registry().getInt("connections")).isEqualTo(6);
            assertThat(rest.get("api/fixture/log-problems").body()).isEqualTo("[]");
        } finally {
            all(notified, userNotifications, userOwn).forEach(WsClient::close);
        }
    }

    @Test
    void twoInterleavedStreams_fromARestRequestAndATimer_everySubscriberGetsBothCompleteAndInOrder() {
        List<WsClient> subscribers = Stream.generate(() -> WsClient.open(base, "feed?topics=orders,stock")).limit(3)
                .toList();
        try {
            assertThat(rest.post("api/fixture/timer?channel=feed&target=stock&stream=stock&count=100", "")
                    .statusCode()).isEqualTo(204);
            assertThat(rest.post("api/fixture/timer/now?channel=feed&target=orders&stream=orders&count=1000", "")
                    .statusCode()).isEqualTo(204);

            for (WsClient subscriber : subscribers) {
                Map<String, List<Integer>> streams = new HashMap<>();
                for (String frame : subscriber.next(1100)) {
                    JsonObject event = WsClient.parse(frame);
                    streams.computeIfAbsent(event.getString("stream"), s -> new ArrayList<>()).add(event.getInt("seq"));
                }
                assertThat(streams.get("orders")).isEqualTo(IntStream.rangeClosed(1, 1000).boxed().toList());
                assertThat(streams.get("stock")).isEqualTo(IntStream.rangeClosed(1, 100).boxed().toList());
                assertThat(subscriber.drain()).isEmpty();
            }
            assertThat(rest.get("api/fixture/log-problems").body()).isEqualTo("[]");
        } finally {
            subscribers.forEach(WsClient::close);
        }
    }

    // Eight threads each publish 50 numbered broadcasts over REST, all starting together.
    private void publishFromThreads(Runnable meanwhile) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t <= THREADS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int seq = 1; seq <= PER_THREAD; seq++) {
                        int status = rest.post("api/broadcasts", "{\"channel\":\"notifications\",\"payload\":"
                                + "{\"thread\":" + thread + ",\"seq\":" + seq + "}}").statusCode();
                        if (status != 202) {
                            throw new AssertionError("thread " + thread + " seq " + seq + ": HTTP " + status);
                        }
                        if (thread == 1 && seq == 10) {
                            meanwhile.run();
                        }
                    }
                } catch (Throwable t2) {
                    failure.compareAndSet(null, t2);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(failure.get()).as("first failure of a publishing thread").isNull();
    }

    // Every frame parses as a whole JSON object; each thread's 50 arrive complete and in order.
    private static void assertEachThreadInOrder(List<String> frames) {
        Map<Integer, List<Integer>> seqByThread = new HashMap<>();
        for (String frame : frames) {
            JsonObject event = WsClient.parse(frame);
            seqByThread.computeIfAbsent(event.getInt("thread"), t -> new ArrayList<>()).add(event.getInt("seq"));
        }
        assertThat(seqByThread).hasSize(THREADS);
        List<Integer> expected = IntStream.rangeClosed(1, PER_THREAD).boxed().toList();
        seqByThread.forEach((thread, seqs) -> assertThat(seqs).as("thread %d", thread).isEqualTo(expected));
    }

    private static List<WsClient> all(List<WsClient> some, WsClient... more) {
        List<WsClient> all = new ArrayList<>(some);
        all.addAll(List.of(more));
        return all;
    }
}
