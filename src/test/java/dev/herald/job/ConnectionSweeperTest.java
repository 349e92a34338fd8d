package dev.herald.job;

import dev.herald.config.DeliverySettings;
import dev.herald.config.SettingsSource;
import dev.herald.delivery.Frame;
import dev.herald.delivery.OutboxLimits;
import dev.herald.delivery.OverflowPolicy;
import dev.herald.delivery.Transport;
import dev.herald.event.Channel;
import dev.herald.registry.Connection;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionSweeperTest {

    private static final DeliverySettings SETTINGS = DeliverySettings.read(new SettingsSource(
            name -> Optional.ofNullable(Map.of(
                    "herald.delivery.send-timeout-ms", "1000",
                    "herald.delivery.heartbeat.interval-ms", "1000",
                    "herald.delivery.heartbeat.timeout-ms", "3000",
                    "herald.delivery.heartbeat.first-pong-timeout-ms", "2000").get(name))));

    private final ConnectionSweeper sweeper = new ConnectionSweeper(SETTINGS);
    private final List<Connection> ended = new ArrayList<>();

    @Test
    void sweep_silentPastTheHeartbeatTimeout_closesWith1001_andEndsTheConnection() {
        FakeTransport transport = new FakeTransport();
        Connection connection = connection(transport, OverflowPolicy.DISCONNECT);
        long heard = connection.lastActivityNanos() + millis(100);
        connection.ponged(ByteBuffer.wrap(new byte[0]), heard);

        assertThat(sweeper.sweep(List.of(connection), heard + millis(3000))).isZero();
        assertThat(sweeper.sweep(List.of(connection), heard + millis(3001))).isEqualTo(1);

        assertThat(transport.closes).containsExactly("1001 heartbeat_timeout");
        assertThat(ended).containsExactly(connection);
    }

    @Test
    void sweep_neverHeardFromPastTheFirstPongTimeout_closesWith1001_soAHandshakeGhostGoesSoon() {
        FakeTransport transport = new FakeTransport();
        Connection connection = connection(transport, OverflowPolicy.DISCONNECT);
        long opened = connection.lastActivityNanos();

        assertThat(connection.heardFrom()).isFalse();
        assertThat(sweeper.sweep(List.of(connection), opened + millis(2000))).isZero();
        assertThat(sweeper.sweep(List.of(connection), opened + millis(2001))).isEqualTo(1);

        assertThat(transport.closes).containsExactly("1001 heartbeat_timeout");
        assertThat(ended).containsExactly(connection);
    }

    @Test
    void sweep_oneAnswerToTheFirstPing_givesTheConnectionTheFullHeartbeatTimeout() {
        FakeTransport transport = new FakeTransport();
        Connection connection = connection(transport, OverflowPolicy.DISCONNECT);
        long opened = connection.lastActivityNanos();
        connection.ponged(ByteBuffer.wrap(new byte[0]), opened + millis(500));

        assertThat(connection.heardFrom()).isTrue();
        assertThat(sweeper.sweep(List.of(connection), opened + millis(3500))).isZero();
        assertThat(sweeper.sweep(List.of(connection), opened + millis(3501))).isEqualTo(1);
    }

    @Test
    void sweep_pongsKeepAConnectionOpen_forAsLongAsTheyCome() {
        FakeTransport transport = new FakeTransport();
        Connection connection = connection(transport, OverflowPolicy.DISCONNECT);
        long now = connection.lastActivityNanos();

        for (int round = 0; round < 10; round++) {
            now += millis(1000);
            sweeper.ping(List.of(connection), now);
            connection.ponged(ByteBuffer.wrap(new byte[0]), now);
            assertThat(sweeper.sweep(List.of(connection), now + millis(500))).isZero();
        }
        assertThat(transport.pings).hasSize(10);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void sweep_writeInFlightPastTheSendTimeout_underDisconnect_closesWith1013SlowConsumer() {
        FakeTransport transport = new FakeTransport();
        Connection connection = connection(transport, OverflowPolicy.DISCONNECT);
        connection.send(Frame.of("never completes"));
        long now = System.nanoTime();
        connection.markActive(now + millis(1500));

        sweeper.sweep(List.of(connection), now + millis(500));
        assertThat(connection.isOpen()).isTrue();
        sweeper.sweep(List.of(connection), now + millis(1500));

        assertThat(transport.closes).containsExactly("1013 slow_consumer");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void ping_skipsConnectionsWhoseWriteIsStuck() {
        FakeTransport stuck = new FakeTransport();
        FakeTransport idle = new FakeTransport();
        Connection stuckConnection = connection(stuck, OverflowPolicy.DROP_OLDEST);
        Connection idleConnection = connection(idle, OverflowPolicy.DROP_OLDEST);
        stuckConnection.send(Frame.of("never completes"));

        int pinged = sweeper.ping(List.of(stuckConnection, idleConnection), System.nanoTime() + millis(2000));

        assertThat(pinged).isEqualTo(1);
        assertThat(stuck.pings).isEmpty();
        assertThat(idle.pings).hasSize(1);
    }

    private Connection connection(FakeTransport transport, OverflowPolicy policy) {
        return new Connection("c" + ended.size(), Channel.NOTIFICATIONS, transport,
                new OutboxLimits(10, 1_000, policy), ended::add);
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Never completes a write; records pings and closes. */
    private static final class FakeTransport implements Transport {

        final List<Long> pings = new ArrayList<>();
        final List<String> closes = new ArrayList<>();

        @Override
        public void send(String text, Consumer<Throwable> completion) {
        }

        @Override
        public void ping(long marker) {
            pings.add(marker);
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }
    }
}
