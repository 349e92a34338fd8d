package dev.herald.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {

    @Test
    void offer_whileIdle_writesAtOnce_andQueuesTheRestInOrderWithOneWriteInFlight() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, OutboxLimits.DEFAULTS, new RecordingListener());

        outbox.offer(Frame.of("1"));
        outbox.offer(Frame.of("2"));
        outbox.offer(Frame.of("3"));

        assertThat(transport.started).containsExactly("1");
        assertThat(outbox.waitingCount()).isEqualTo(2);
        assertThat(outbox.waitingBytes()).isEqualTo(2);

        transport.completeNext(null);
        assertThat(transport.started).containsExactly("1", "2");
        transport.completeNext(null);
        transport.completeNext(null);
        assertThat(transport.started).containsExactly("1", "2", "3");
        assertThat(outbox.waitingCount()).isZero();
        assertThat(transport.maxInFlight).isEqualTo(1);
    }

    @Test
    void offer_whenTransportCompletesInline_writesEverythingWithoutDeepRecursion() {
        List<String> written = new ArrayList<>();
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        Transport inline = new Transport() {
            @Override
            public void send(String text, Consumer<Throwable> completion) {
                maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
                written.add(text);
                completion.accept(null);
                depth.decrementAndGet();
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        Outbox outbox = new Outbox(inline, OutboxLimits.DEFAULTS, new RecordingListener());

        for (int i = 0; i < 10_000; i++) {
            outbox.offer(Frame.of(Integer.toString(i)));
        }

        assertThat(written).hasSize(10_000).startsWith("0", "1").endsWith("9999");
        assertThat(maxDepth.get()).isEqualTo(1);
    }

    @Test
    void overflow_underDisconnect_closesAndTellsTheListenerOnce() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, new OutboxLimits(2, 1_000, OverflowPolicy.DISCONNECT), listener);

        assertThat(outbox.offer(Frame.of("in flight"))).isTrue();
        assertThat(outbox.offer(Frame.of("a"))).isTrue();
        assertThat(outbox.offer(Frame.of("b"))).isTrue();
        assertThat(outbox.offer(Frame.of("c"))).isFalse();
        assertThat(outbox.offer(Frame.of("d"))).isFalse();

        assertThat(listener.slowConsumers).isEqualTo(1);
        assertThat(outbox.isOpen()).isFalse();
        assertThat(outbox.waitingCount()).isZero();
        transport.completeNext(null);
        assertThat(transport.started).containsExactly("in flight");
    }

    @Test
    void overflow_byBytes_underDropOldest_dropsAndCountsTheOldest() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, new OutboxLimits(100, 6, OverflowPolicy.DROP_OLDEST), listener);

        outbox.offer(Frame.of("in flight"));
        outbox.offer(Frame.of("aaa"));
        outbox.offer(Frame.of("bbb"));
        outbox.offer(Frame.of("ccc"));
        outbox.offer(Frame.of("dddd"));

        assertThat(outbox.droppedCount()).isEqualTo(3);
        assertThat(outbox.waitingBytes()).isEqualTo(4);
        transport.completeNext(null);
        // 9 bytes written and unconfirmed exceed the 6-byte budget: "dddd" waits for the client's pong.
        assertThat(outbox.isPaused()).isTrue();
        assertThat(transport.pings).containsExactly(9L);
        outbox.confirmed(9);
        transport.completeNext(null);
        assertThat(transport.started).containsExactly("in flight", "dddd");
        assertThat(listener.slowConsumers).isZero();
        assertThat(outbox.isOpen()).isTrue();
    }

    @Test
    void failedWrite_closesTheOutbox_reportsTheCauseOnce_andDropsTheRest() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, OutboxLimits.DEFAULTS, listener);
        outbox.offer(Frame.of("1"));
        outbox.offer(Frame.of("2"));

        IllegalStateException cause = new IllegalStateException("gone");
        transport.completeNext(cause);

        assertThat(listener.failures).containsExactly(cause);
        assertThat(outbox.isOpen()).isFalse();
        assertThat(outbox.offer(Frame.of("3"))).isFalse();
        assertThat(transport.started).containsExactly("1");
    }

    // A closed session throws IllegalStateException; Tyrus 2.2 throws java.lang.Error for text it cannot encode.
    @ParameterizedTest
    @MethodSource("sendFailures")
    void sendThatThrows_isAFailedWriteOfThatConnectionOnly(Throwable thrown) {
        RecordingListener listener = new RecordingListener();
        Transport throwing = new Transport() {
            @Override
            public void send(String text, Consumer<Throwable> completion) {
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        Outbox outbox = new Outbox(throwing, OutboxLimits.DEFAULTS, listener);

        assertThat(outbox.offer(Frame.of("1"))).isTrue();

        assertThat(listener.failures).containsExactly(thrown);
        assertThat(outbox.isOpen()).isFalse();
        assertThat(outbox.offer(Frame.of("2"))).isFalse();
    }

    static java.util.stream.Stream<Throwable> sendFailures() {
        return java.util.stream.Stream.of(new IllegalStateException("session closed"),
                new Error("java.nio.charset.MalformedInputException: Input length = 1"));
    }

    @Test
    void writeAge_countsFromTheStartOfTheWriteInFlight() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, OutboxLimits.DEFAULTS, new RecordingListener());
        assertThat(outbox.writeAgeNanos(System.nanoTime())).isZero();

        outbox.offer(Frame.of("1"));
        long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);

        assertThat(outbox.writeAgeNanos(later)).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(5));
        transport.completeNext(null);
        assertThat(outbox.writeAgeNanos(later)).isZero();
    }

    @Test
    void concurrentProducers_completionsOnAnotherThread_everyFrameWrittenOnceAndEachProducerInOrder() throws Exception {
        int producers = 4;
        int perProducer = 5_000;
        AsyncTransport transport = new AsyncTransport();
        Outbox outbox = new Outbox(transport, new OutboxLimits(producers * perProducer, Long.MAX_VALUE,
                OverflowPolicy.DISCONNECT), new RecordingListener());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perProducer; i++) {
                        outbox.offer(Frame.of(producer + ":" + i));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(transport.awaitWritten(producers * perProducer)).isTrue();
        transport.shutdown();

        assertThat(failure.get()).isNull();
        assertThat(transport.maxInFlight.get()).isEqualTo(1);
        int[] next = new int[producers];
        for (String text : transport.written) {
            String[] parts = text.split(":");
            int producer = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).as("producer %d", producer).isEqualTo(next[producer]++);
        }
        assertThat(next).containsOnly(perProducer);
    }

    @Test
    void unconfirmedBytesOverBudget_pausesWriting_probes_andResumesOnPong() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, new OutboxLimits(100, 8, OverflowPolicy.DISCONNECT), new RecordingListener());

        outbox.offer(Frame.of("aaaa"));
        outbox.offer(Frame.of("bbbb"));
        outbox.offer(Frame.of("cccc"));
        transport.completeNext(null);
        transport.completeNext(null);

        // 8 bytes written, none confirmed: "cccc" would make 12, over the 8-byte budget.
        assertThat(transport.started).containsExactly("aaaa", "bbbb");
        assertThat(outbox.isPaused()).isTrue();
        assertThat(outbox.unconfirmedBytes()).isEqualTo(8);
        assertThat(transport.pings).containsExactly(4L, 8L);

        outbox.confirmed(4);
        assertThat(transport.started).containsExactly("aaaa", "bbbb", "cccc");
        assertThat(outbox.isPaused()).isFalse();
        assertThat(outbox.unconfirmedBytes()).isEqualTo(4);
    }

    @Test
    void confirmed_withMarkerNeverSentOrOld_isIgnored() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, new OutboxLimits(100, 8, OverflowPolicy.DISCONNECT), new RecordingListener());
        outbox.offer(Frame.of("aaaa"));
        transport.completeNext(null);

        outbox.confirmed(1_000);
        assertThat(outbox.unconfirmedBytes()).isEqualTo(4);
        outbox.confirmed(4);
        outbox.confirmed(2);
        assertThat(outbox.unconfirmedBytes()).isZero();
    }

    @Test
    void stalledClient_queueFillsWhilePaused_thenDisconnectClosesAndNeverExceedsTheLimit() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, new OutboxLimits(3, 1_000, OverflowPolicy.DISCONNECT), listener);
        outbox.offer(Frame.of("x".repeat(1_000)));
        transport.completeNext(null);

        assertThat(outbox.offer(Frame.of("1"))).isTrue();
        assertThat(outbox.offer(Frame.of("2"))).isTrue();
        assertThat(outbox.offer(Frame.of("3"))).isTrue();
        assertThat(outbox.offer(Frame.of("4"))).isFalse();

        assertThat(outbox.peakWaitingCount()).isEqualTo(3);
        assertThat(listener.slowConsumers).isEqualTo(1);
        assertThat(transport.started).hasSize(1);
    }

    @Test
    void expireStalledWrite_underDisconnect_closesOnlyAfterTheTimeout() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, OutboxLimits.DEFAULTS, listener);
        long start = System.nanoTime();
        outbox.offer(Frame.of("stuck"));
        long timeout = TimeUnit.SECONDS.toNanos(10);

        assertThat(outbox.expireStalledWrite(start + TimeUnit.SECONDS.toNanos(5), timeout)).isFalse();
        assertThat(outbox.isOpen()).isTrue();
        assertThat(outbox.expireStalledWrite(System.nanoTime() + TimeUnit.SECONDS.toNanos(11), timeout)).isTrue();
        assertThat(outbox.isOpen()).isFalse();
        assertThat(listener.slowConsumers).isEqualTo(1);
    }

    @Test
    void expireStalledWrite_underDropOldest_keepsOnlyTheNewestWaitingFrame_andCountsTheRest() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, new OutboxLimits(100, 1_000, OverflowPolicy.DROP_OLDEST), listener);
        outbox.offer(Frame.of("stuck"));
        outbox.offer(Frame.of("1"));
        outbox.offer(Frame.of("2"));
        outbox.offer(Frame.of("3"));

        assertThat(outbox.expireStalledWrite(System.nanoTime() + TimeUnit.SECONDS.toNanos(11),
                TimeUnit.SECONDS.toNanos(10))).isTrue();

        assertThat(outbox.droppedCount()).isEqualTo(2);
        assertThat(outbox.isOpen()).isTrue();
        transport.completeNext(null);
        assertThat(transport.started).containsExactly("stuck", "3");
        assertThat(listener.slowConsumers).isZero();
    }

    @Test
    void expireStalledWrite_whenIdle_doesNothing() {
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(new ManualTransport(), OutboxLimits.DEFAULTS, listener);

        assertThat(outbox.expireStalledWrite(System.nanoTime() + TimeUnit.HOURS.toNanos(1), 1)).isFalse();
        assertThat(outbox.isOpen()).isTrue();
    }

    @Test
    void hold_queuesWithoutWriting_andReleaseWritesInOrder() {
        ManualTransport transport = new ManualTransport();
        Outbox outbox = new Outbox(transport, OutboxLimits.DEFAULTS, new RecordingListener());

        outbox.hold();
        outbox.offer(Frame.of("greeting"));
        outbox.offer(Frame.of("broadcast"));
        assertThat(transport.started).isEmpty();
        assertThat(outbox.isPaused()).isFalse();

        outbox.release();
        transport.completeNext(null);
        assertThat(transport.started).containsExactly("greeting", "broadcast");
        outbox.release();
        assertThat(transport.maxInFlight).isEqualTo(1);
    }

    @Test
    void onWritten_isToldOfEachCompletedWriteInOrder_andNeverOfAFailedOne() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, OutboxLimits.DEFAULTS, listener);

        outbox.offer(Frame.of("1"));
        outbox.offer(Frame.of("2"));
        outbox.offer(Frame.of("3"));
        assertThat(listener.written).isEmpty();

        transport.completeNext(null);
        transport.completeNext(null);
        transport.completeNext(new java.io.IOException("gone"));

        assertThat(listener.written).containsExactly("1", "2");
        assertThat(listener.failures).hasSize(1);
    }

    @Test
    void onWritten_whenTransportCompletesInline_isToldOfEveryFrame() {
        RecordingListener listener = new RecordingListener();
        Transport inline = new Transport() {
            @Override
            public void send(String text, Consumer<Throwable> completion) {
                completion.accept(null);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        Outbox outbox = new Outbox(inline, OutboxLimits.DEFAULTS, listener);

        outbox.offer(Frame.of("a"));
        outbox.offer(Frame.of("b"));

        assertThat(listener.written).containsExactly("a", "b");
    }

    @Test
    void onDropped_underDropOldest_isToldHowManyEachOfferDropped() {
        ManualTransport transport = new ManualTransport();
        RecordingListener listener = new RecordingListener();
        Outbox outbox = new Outbox(transport, new OutboxLimits(100, 6, OverflowPolicy.DROP_OLDEST), listener);

        outbox.offer(Frame.of("in flight"));
        outbox.offer(Frame.of("aaa"));
        outbox.offer(Frame.of("bbb"));
        outbox.offer(Frame.of("cccccc"));

        assertThat(listener.drops).containsExactly(2);
        assertThat(outbox.droppedCount()).isEqualTo(2);
        assertThat(outbox.discardedCount()).isZero();
    }

    @Test
    void discardedCount_countsWaitingFramesOnClose_andTheFrameThatOverflowedASlowConsumer() {
        ManualTransport transport = new ManualTransport();
        Outbox closing = new Outbox(transport, OutboxLimits.DEFAULTS, new RecordingListener());
        closing.offer(Frame.of("in flight"));
        closing.offer(Frame.of("a"));
        closing.offer(Frame.of("b"));
        assertThat(closing.close()).isEqualTo(2);
        assertThat(closing.discardedCount()).isEqualTo(2);

        Outbox slow = new Outbox(new ManualTransport(), new OutboxLimits(2, 1_000, OverflowPolicy.DISCONNECT),
                new RecordingListener());
        slow.offer(Frame.of("in flight"));
        slow.offer(Frame.of("a"));
        slow.offer(Frame.of("b"));
        assertThat(slow.offer(Frame.of("c"))).isFalse();
        assertThat(slow.discardedCount()).isEqualTo(3);
    }

    /** Completes each write only when the test says so. */
    private static final class ManualTransport implements Transport {

        final List<String> started = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        final List<Long> pings = new ArrayList<>();
        int maxInFlight;

        @Override
        public void ping(long marker) {
            pings.add(marker);
        }

        @Override
        public void send(String text, Consumer<Throwable> completion) {
            started.add(text);
            pending.add(completion);
            maxInFlight = Math.max(maxInFlight, pending.size());
        }

        void completeNext(Throwable result) {
            pending.removeFirst().accept(result);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    /** Completes every write on its own thread, like a container's I/O thread. */
    private static final class AsyncTransport implements Transport {

        final List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
        private final java.util.concurrent.Semaphore done = new java.util.concurrent.Semaphore(0);

        @Override
        public void send(String text, Consumer<Throwable> completion) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            io.execute(() -> {
                written.add(text);
                inFlight.decrementAndGet();
                done.release();
                completion.accept(null);
            });
        }

        boolean awaitWritten(int count) throws InterruptedException {
            return done.tryAcquire(count, 30, TimeUnit.SECONDS);
        }

        void shutdown() {
            io.shutdown();
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private static final class RecordingListener implements Outbox.Listener {

        int slowConsumers;
        final List<Throwable> failures = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        final List<Integer> drops = new ArrayList<>();

        @Override
        public void onWritten(Frame frame) {
            written.add(frame.text());
        }

        @Override
        public void onDropped(int frames) {
            drops.add(frames);
        }

        @Override
        public void onSlowConsumer() {
            slowConsumers++;
        }

        @Override
        public void onSendFailure(Throwable cause) {
            failures.add(cause);
        }
    }
}
