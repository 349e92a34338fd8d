package dev.herald.config;

import dev.herald.delivery.OutboxLimits;
import dev.herald.delivery.OverflowPolicy;
import dev.herald.event.Channel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliverySettingsTest {

    @Test
    void read_withNothingSet_givesTheDocumentedDefaults() {
        DeliverySettings settings = read(Map.of());

        for (Channel channel : Channel.values()) {
            assertThat(settings.limitsFor(channel)).isEqualTo(new OutboxLimits(1024, 1024 * 1024, OverflowPolicy.DISCONNECT));
        }
        assertThat(settings.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.firstPongTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.batchWindow()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.batchMaxMessages()).isEqualTo(100);
        assertThat(settings.batchMaxBytes()).isEqualTo(64 * 1024);
        assertThat(DeliverySettings.DEFAULTS).isEqualTo(settings);
    }

    @Test
    void read_channelPolicy_overridesTheDefaultPolicyForThatChannelOnly() {
        DeliverySettings settings = read(Map.of(
                "herald.delivery.overflow-policy", "drop_oldest",
                "herald.delivery.chat.overflow-policy", "DISCONNECT",
                "herald.delivery.queue.max-messages", "64",
                "herald.delivery.queue.max-bytes", "65_536"));

        assertThat(settings.limitsFor(Channel.CHAT)).isEqualTo(new OutboxLimits(64, 65_536, OverflowPolicy.DISCONNECT));
        assertThat(settings.limitsFor(Channel.NOTIFICATIONS))
                .isEqualTo(new OutboxLimits(64, 65_536, OverflowPolicy.DROP_OLDEST));
    }

    @Test
    void read_shortTimeouts_sweepAQuarterOfTheShorterTimeout() {
        DeliverySettings settings = read(Map.of(
                "herald.delivery.heartbeat.interval-ms", "500",
                "herald.delivery.heartbeat.timeout-ms", "1500"));

        assertThat(settings.firstPongTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofMillis(375));
    }

    @Test
    void read_firstPongTimeout_setBelowTheHeartbeatTimeout_isSweptAQuarterOfItsOwn() {
        DeliverySettings settings = read(Map.of("herald.delivery.heartbeat.first-pong-timeout-ms", "2000"));

        assertThat(settings.firstPongTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void read_badValues_failNamingTheSettingItsRangeAndTheValue() {
        assertRefused("herald.delivery.queue.max-messages", "0",
                "herald.delivery.queue.max-messages must be a whole number from 1 to 2147483647, was \"0\"");
        assertRefused("herald.delivery.queue.max-messages", "-1",
                "herald.delivery.queue.max-messages must be a whole number from 1 to 2147483647, was \"-1\"");
        assertRefused("herald.delivery.send-timeout-ms", "10s",
                "herald.delivery.send-timeout-ms must be a whole number from 1 to 86400000, was \"10s\"");
        assertRefused("herald.delivery.feed.overflow-policy", "block",
                "herald.delivery.feed.overflow-policy must be one of disconnect drop_oldest, was \"block\"");
        assertRefused("herald.delivery.heartbeat.timeout-ms", "25000", "herald.delivery.heartbeat.timeout-ms must be "
                + "longer than herald.delivery.heartbeat.interval-ms (25000) and at most 86400000, was \"25000\"");
        assertRefused("herald.delivery.heartbeat.first-pong-timeout-ms", "60001", "herald.delivery.heartbeat"
                + ".first-pong-timeout-ms must be a whole number from 1 to 60000, was \"60001\"");
        assertRefused("herald.delivery.batch.max-bytes", "0",
                "herald.delivery.batch.max-bytes must be a whole number from 1 to 9223372036854775807, was \"0\"");
    }

    private static void assertRefused(String name, String value, String message) {
        assertThatThrownBy(() -> read(Map.of(name, value)))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo(name))
                .hasMessage(message);
    }

    private static DeliverySettings read(Map<String, String> values) {
        return DeliverySettings.read(new SettingsSource(name -> Optional.ofNullable(values.get(name))));
    }
}
