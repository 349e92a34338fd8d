package dev.herald.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "lobby", "A-Z_09", "0", "-", "_"})
    void isValid_lettersDigitsUnderscoreDash_isTrue(String name) {
        assertThat(Names.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a.b", "a/b", "café", "a!", "a,b", "%41"})
    void isValid_otherCharactersOrEmpty_isFalse(String name) {
        assertThat(Names.isValid(name)).isFalse();
    }

    @Test
    void isValid_lengthLimit_is64() {
        assertThat(Names.isValid("x".repeat(64))).isTrue();
        assertThat(Names.isValid("x".repeat(65))).isFalse();
        assertThat(Names.isValid(null)).isFalse();
    }

    @Test
    void audiences_withBadNames_throwSayingTheRule() {
        assertThatThrownBy(() -> Audience.room("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("room id must be " + Names.RULE);
        assertThatThrownBy(() -> Audience.topic("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic name must be " + Names.RULE);
        assertThatThrownBy(() -> Audience.users(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Audience.user(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void audiences_areValues() {
        assertThat(Audience.users(List.of("a", "b", "a"))).isEqualTo(Audience.users(List.of("b", "a")));
        assertThat(Audience.allRooms()).isEqualTo(Audience.channel(Channel.ROOMS));
        assertThat(Audience.room("lobby")).isEqualTo(Audience.room("lobby"));
    }
}
