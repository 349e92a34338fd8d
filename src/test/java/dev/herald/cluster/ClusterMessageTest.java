package dev.herald.cluster;

import dev.herald.event.Audience;
import dev.herald.event.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterMessageTest {

    static Stream<ClusterMessage> messages() {
        return Stream.of(
                new ClusterMessage(Audience.channel(Channel.CHAT), "{\"a\":1}", "c-1"),
                new ClusterMessage(Audience.channel(Channel.NOTIFICATIONS), "x", null),
                new ClusterMessage(Audience.room("r1"), "\"é ✓ 😀\"", null),
                new ClusterMessage(Audience.users(List.of("alice", "bob", "carol")), "{}", null),
                new ClusterMessage(Audience.topic("prices"), "", "c-2"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void wire_roundTrip_givesTheSameMessage(ClusterMessage message) {
        assertThat(ClusterMessage.fromWire(message.toWire())).isEqualTo(message);
    }

    @Test
    void toWire_layout_isVersionKindExcludedTextNames() {
        assertThat(new ClusterMessage(Audience.room("r1"), "{}", "c-9").toWire())
                .containsExactly("1", "room", "c-9", "{}", "r1");
        assertThat(new ClusterMessage(Audience.channel(Channel.FEED), "t", null).toWire())
                .containsExactly("1", "channel", "", "t", "FEED");
        assertThat(ClusterMessage.fromWire(new ClusterMessage(Audience.users(Set.of("u1", "u2")), "t", null).toWire())
                .audience()).isEqualTo(new Audience.Users(Set.of("u1", "u2")));
    }

    @Test
    void fromWire_refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> ClusterMessage.fromWire(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterMessage.fromWire(new String[] {"2", "room", "", "{}", "r1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a Herald cluster message");
        assertThatThrownBy(() -> ClusterMessage.fromWire(new String[] {"1", "planet", "", "{}", "r1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown audience kind planet");
        assertThatThrownBy(() -> ClusterMessage.fromWire(new String[] {"1", "room", "", "{}", "r1", "r2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected one name, got 2");
        assertThatThrownBy(() -> ClusterMessage.fromWire(new String[] {"1", "room", "", "{}", "bad room"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterMessage.fromWire(new String[] {"1", "room", "", "{}"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
