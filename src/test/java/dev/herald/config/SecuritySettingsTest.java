package dev.herald.config;

import dev.herald.event.Channel;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTest {

    private static SecuritySettings read(Map<String, String> values) {
        return SecuritySettings.read(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void read_aJwtSecretShorterThan32Bytes_isRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> SecuritySettings.read(name -> name.equals(SecuritySettings.JWT_SECRET)
                ? java.util.Optional.of("short-secret") : java.util.Optional.empty()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("herald.jwt.secret must be at least 32 bytes, was \"(12 bytes, not shown)\"");
        assertThat(SecuritySettings.read(name -> name.equals(SecuritySettings.JWT_SECRET)
                ? java.util.Optional.of("s".repeat(32)) : java.util.Optional.empty())).isNotNull();
    }

    @Test
    void read_nothingSet_givesTheDocumentedDefaults() {
        assertThat(read(Map.of())).isEqualTo(SecuritySettings.DEFAULTS);
        assertThat(SecuritySettings.DEFAULTS.allowMissingOrigin()).isTrue();
        assertThat(SecuritySettings.DEFAULTS.maxInboundBytes()).isEqualTo(65_536);
    }

    @Test
    void allowsOrigin_selfAndListed_exactSchemeHostPortOnly() {
        SecuritySettings settings = read(Map.of(SecuritySettings.ALLOWED_ORIGINS, "self, https://app.example/"));
        assertThat(settings.allowsOrigin("http://hub:8080", "http://hub:8080")).isTrue();
        assertThat(settings.allowsOrigin("HTTPS://APP.example", "http://hub:8080")).isTrue();
        assertThat(settings.allowsOrigin("https://app.example:444", "http://hub:8080")).isFalse();
        assertThat(settings.allowsOrigin("http://app.example", "http://hub:8080")).isFalse();
        assertThat(settings.allowsOrigin("http://localhost:8080", "http://hub:8080")).isFalse();
    }

    @Test
    void allowsOrigin_noTrustedSelf_selfAllowsNothingButListedOriginsStill() {
        SecuritySettings settings = read(Map.of(SecuritySettings.ALLOWED_ORIGINS, "self,https://app.example"));
        assertThat(settings.allowsOrigin("http://evil.example:8080", null)).isFalse();
        assertThat(settings.allowsOrigin("https://app.example", null)).isTrue();
    }

    @Test
    void read_channelInboundLimit_overridesTheCommonOneForThatChannelOnly() {
        SecuritySettings settings = read(Map.of(SecuritySettings.MAX_INBOUND_BYTES, "4096",
                "herald.security.rooms.max-inbound-bytes", "262144"));

        assertThat(settings.maxInboundBytes(Channel.ROOMS)).isEqualTo(262_144);
        assertThat(settings.maxInboundBytes(Channel.CHAT)).isEqualTo(4_096);
        assertThat(SecuritySettings.DEFAULTS.maxInboundBytes(Channel.FEED)).isEqualTo(65_536);
        assertThatThrownBy(() -> read(Map.of("herald.security.chat.max-inbound-bytes", "0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("herald.security.chat.max-inbound-bytes must be a whole number from 1 to 1048576, was \"0\"");
    }

    @Test
    void read_valueOutOfRange_namesTheSetting() {
        assertThatThrownBy(() -> read(Map.of(SecuritySettings.MAX_INBOUND_BYTES, "2000000")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("herald.security.max-inbound-bytes must be a whole number from 1 to 1048576, was \"2000000\"");
        assertThatThrownBy(() -> read(Map.of(SecuritySettings.ALLOW_MISSING_ORIGIN, "maybe")))
                .hasMessage("herald.security.allow-missing-origin must be true or false, was \"maybe\"");
    }

    @Test
    void read_userCreationRate_defaultsAndChecks() {
        SecuritySettings set = read(Map.of(SecuritySettings.USER_CREATIONS_PER_MINUTE, "30",
                SecuritySettings.USER_CREATION_BURST, "5"));

        assertThat(SecuritySettings.DEFAULTS.userCreationsPerMinute()).isEqualTo(10);
        assertThat(SecuritySettings.DEFAULTS.userCreationBurst()).isEqualTo(20);
        assertThat(set.userCreationsPerMinute()).isEqualTo(30);
        assertThat(set.userCreationBurst()).isEqualTo(5);
        assertThatThrownBy(() -> read(Map.of(SecuritySettings.USER_CREATIONS_PER_MINUTE, "0")))
                .hasMessage("herald.security.user-creation.per-minute must be a whole number from 1 to 100000, was \"0\"");
    }

    @Test
    void read_roomsPerUserAndRequiredToken_defaultsAndChecks() {
        SecuritySettings set = read(Map.of(SecuritySettings.MAX_ROOMS_PER_USER, "3",
                SecuritySettings.ROOMS_REQUIRE_TOKEN, "TRUE"));

        assertThat(SecuritySettings.DEFAULTS.maxRoomsPerUser()).isEqualTo(16);
        assertThat(SecuritySettings.DEFAULTS.roomsRequireToken()).isFalse();
        assertThat(set.maxRoomsPerUser()).isEqualTo(3);
        assertThat(set.roomsRequireToken()).isTrue();
        assertThatThrownBy(() -> read(Map.of(SecuritySettings.ROOMS_REQUIRE_TOKEN, "yes")))
                .hasMessage("herald.security.rooms.require-token must be true or false, was \"yes\"");
    }
}
