package dev.herald.registry;

import dev.herald.delivery.Frame;
import dev.herald.delivery.OutboxLimits;
import dev.herald.delivery.Transport;
import dev.herald.event.Audience;
import dev.herald.event.Channel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionRegistryTest {

    private static final Transport NOWHERE = new Transport() {
        @Override
        public void send(String text, Consumer<Throwable> completion) {
            completion.accept(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    };

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void rooms_findOnlyTheirMembers_andEmptyRoomsAreForgotten() {
        Connection a = open(Channel.ROOMS, Membership.room("alpha"), Set.of());
        Connection b = open(Channel.ROOMS, Membership.room("beta"), Set.of());
        Connection c = open(Channel.ROOMS, Membership.room("alpha"), Set.of());

        assertThat(registry.findByAudience(Audience.room("alpha"))).containsExactlyInAnyOrder(a, c);
        assertThat(registry.findByAudience(Audience.allRooms())).containsExactlyInAnyOrder(a, b, c);
        assertThat(registry.roomIds()).containsExactly("alpha", "beta");

        a.ended();
        c.ended();
        assertThat(registry.findByAudience(Audience.room("alpha"))).isEmpty();
        assertThat(registry.roomIds()).containsExactly("beta");
    }

    @Test
    void users_findEveryConnectionOfEachUserOnce() {
        Connection a1 = open(Channel.USER, Membership.user("user-a"), Set.of());
        Connection a2 = open(Channel.USER, Membership.user("user-a"), Set.of());
        Connection b = open(Channel.USER, Membership.user("user-b"), Set.of());

        assertThat(registry.findByAudience(Audience.user("user-a"))).containsExactlyInAnyOrder(a1, a2);
        assertThat(registry.findByAudience(Audience.users(List.of("user-a", "user-b", "nobody"))))
                .containsExactlyInAnyOrder(a1, a2, b);
        assertThat(registry.userIds()).containsExactly("user-a", "user-b");
    }

    @Test
    void topics_followSubscribeAndUnsubscribe_andEndedConnectionsLeaveEveryTopic() {
        Connection sports = open(Channel.FEED, Membership.NONE, Set.of("sports"));
        Connection both = open(Channel.FEED, Membership.NONE, Set.of("sports", "news"));

        assertThat(registry.findByAudience(Audience.topic("sports"))).containsExactlyInAnyOrder(sports, both);
        assertThat(registry.unsubscribe(both, List.of("sports", "never-had"))).containsExactly("news");
        assertThat(registry.findByAudience(Audience.topic("sports"))).containsExactly(sports);
        assertThat(registry.subscribe(sports, List.of("news", "alpha"))).containsExactly("alpha", "news", "sports");

        sports.ended();
        both.ended();
        assertThat(registry.topicNames()).isEmpty();
        assertThat(registry.count()).isZero();
    }

    @Test
    void subscribe_pastTheLimitOrWithABadName_changesNothing() {
        Connection connection = open(Channel.FEED, Membership.NONE, Set.of("sports"));
        List<String> sixtyFour = IntStream.range(0, 64).mapToObj(i -> "t" + i).toList();

        assertThatThrownBy(() -> registry.subscribe(connection, sixtyFour))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64");
        assertThatThrownBy(() -> registry.subscribe(connection, List.of("ok", "not ok")))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(connection.topics()).containsExactly("sports");
        assertThat(registry.topicNames()).containsExactly("sports");
        assertThat(registry.subscribe(connection, sixtyFour.subList(0, 63))).hasSize(64);
    }

    @Test
    void subscribeRacingWithEnd_neverLeavesTheConnectionInATopic() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int round = 0; round < 500; round++) {
            Connection connection = open(Channel.FEED, Membership.NONE, Set.of());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            threads.add(Thread.ofPlatform().start(() -> {
                await(start);
                try {
                    registry.subscribe(connection, List.of("race"));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
            threads.add(Thread.ofPlatform().start(() -> {
                await(start);
                connection.ended();
            }));
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        }

        assertThat(failure.get()).isNull();
        assertThat(registry.findByAudience(Audience.topic("race"))).isEmpty();
        assertThat(registry.topicNames()).isEmpty();
    }

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
        return new Connection(id, channel, NOWHERE, OutboxLimits.DEFAULTS, registry::remove);
    }

    private Connection open(Channel channel, Membership membership, Set<String> topics) {
        Connection connection = new Connection("c" + ids.incrementAndGet(), channel, membership, NOWHERE,
                OutboxLimits.DEFAULTS, registry::remove);
        registry.register(connection, topics);
        return connection;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
