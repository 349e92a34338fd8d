package dev.herald.registry;

import dev.herald.delivery.Frame;
import dev.herald.delivery.OutboxLimits;
import dev.herald.delivery.Transport;
import dev.herald.event.Audience;
import dev.herald.event.Channel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionRegistryTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    @Test
    void register_thenEnd_findsItByIdAndChannel_thenNowhere() {
        Connection connection = connection("a", Channel.CHAT);

        registry.register(connection);
        assertThat(registry.findById("a")).containsSame(connection);
        assertThat(registry.findByAudience(Audience.channel(Channel.CHAT))).containsExactly(connection);
        assertThat(registry.findByAudience(Audience.channel(Channel.NOTIFICATIONS))).isEmpty();
        assertThat(registry.countByChannel()).containsEntry(Channel.CHAT, 1).containsEntry(Channel.NOTIFICATIONS, 0);

        connection.ended();
        assertThat(registry.findById("a")).isEmpty();
        assertThat(registry.findByAudience(Audience.channel(Channel.CHAT))).isEmpty();
        assertThat(registry.count()).isZero();
    }

    @Test
    void register_ofAConnectionThatAlreadyEnded_leavesNothingBehind() {
        Connection connection = connection("late", Channel.NOTIFICATIONS);
        connection.ended();

        registry.register(connection);

        assertThat(registry.count()).isZero();
        assertThat(registry.findByAudience(Audience.channel(Channel.NOTIFICATIONS))).isEmpty();
    }

    @Test
    void manyThreadsOpeningAndEndingAtOnce_leaveTheRegistryEmpty() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Connection connection = connection(thread + "-" + i, i % 2 == 0 ? Channel.CHAT : Channel.FEED);
                        // End it from another thread while this one registers it: the race the registry must survive.
                        Thread ender = Thread.ofPlatform().start(connection::ended);
                        registry.register(connection);
                        ender.join();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(failure.get()).isNull();
        assertThat(registry.count()).isZero();
        assertThat(registry.countByChannel().values()).containsOnly(0);
    }

    @Test
    void send_toAnEndedConnection_isRefused() {
        Connection connection = connection("gone", Channel.CHAT);
        connection.ended();

        assertThat(connection.send(Frame.of("{}"))).isFalse();
        assertThat(connection.isOpen()).isFalse();
    }

    private Connection connection(String id, Channel channel) {
        return new Connection(id, channel, new NoTransport(), OutboxLimits.DEFAULTS, registry::remove);
    }

    private static final class NoTransport implements Transport {

        @Override
        public void send(String text, Consumer<Throwable> completion) {
            completion.accept(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

}
