package dev.herald.ops;

import dev.herald.config.HeraldConfiguration;
import dev.herald.config.OperationsSettings;
import dev.herald.delivery.Frame;
import dev.herald.delivery.OutboxLimits;
import dev.herald.delivery.Transport;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class DrainTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    @Test
    void drain_withWritesCompletingLater_waitsForEveryQueueThenClosesWith1001() {
        HeldTransport transport = new HeldTransport();
        Connection connection = register("a", transport);
        connection.send(Frame.of("1"));
        connection.send(Frame.of("2"));
        connection.send(Frame.of("3"));

        // Completes the held writes one by one, from another thread, while the drain waits.
        CompletableFuture<Void> client = CompletableFuture.runAsync(transport::completeAll,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        int closed = drain(Duration.ofSeconds(10)).drain("test");

        assertThat(client).isDone();
        assertThat(closed).isEqualTo(1);
        assertThat(transport.events).containsExactly("sent 1", "sent 2", "sent 3", "close 1001 going_away");
        assertThat(registry.count()).isZero();
    }

    @Test
    void drain_withWriteThatNeverCompletes_closesWith1001OnceTheTimeoutHasPassed() {
        HeldTransport stalled = new HeldTransport();
        register("stalled", stalled).send(Frame.of("never written"));
        HeldTransport idle = new HeldTransport();
        register("idle", idle);

        long started = System.nanoTime();
        int closed = drain(Duration.ofMillis(300)).drain("test");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(closed).isEqualTo(2);
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
        assertThat(stalled.events).containsExactly("close 1001 going_away");
        assertThat(idle.events).containsExactly("close 1001 going_away");
    }

    @Test
    void drain_calledTwice_drainsOnceAndStaysDraining() {
        HeldTransport transport = new HeldTransport();
        register("a", transport);
        Drain drain = drain(Duration.ZERO);

        assertThat(drain.isDraining()).isFalse();
        assertThat(drain.drain("first")).isEqualTo(1);
        assertThat(drain.drain("second")).isZero();
        assertThat(drain.isDraining()).isTrue();
        assertThat(transport.events).containsExactly("close 1001 going_away");
    }

    private Connection register(String id, Transport transport) {
        Connection connection = new Connection(id, Channel.NOTIFICATIONS, transport, OutboxLimits.DEFAULTS,
                registry::remove);
        registry.register(connection);
        return connection;
    }

    private Drain drain(Duration timeout) {
        Drain drain = new Drain();
        drain.registry = registry;
        drain.configuration = new HeraldConfiguration() {
            @Override
            public OperationsSettings operations() {
                return new OperationsSettings(timeout, Duration.ZERO);
            }
        };
        return drain;
    }

    /** Holds every write until the test completes it; records writes and closes in order. */
    private static final class HeldTransport implements Transport {

        final List<String> events = new CopyOnWriteArrayList<>();
        private final Queue<Runnable> held = new ArrayDeque<>();

        @Override
        public void send(String text, Consumer<Throwable> completion) {
            synchronized (held) {
                held.add(() -> {
                    events.add("sent " + text);
                    completion.accept(null);
                });
            }
        }

        @Override
        public void close(int code, String reason) {
            events.add("close " + code + " " + reason);
        }

        // The outbox sends the next frame from inside a completion, so keep going until nothing is held.
        void completeAll() {
            while (true) {
                Runnable next;
                synchronized (held) {
                    next = held.poll();
                }
                if (next == null) {
                    return;
                }
                next.run();
            }
        }
    }
}
