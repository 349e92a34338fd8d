package dev.herald.config;

import dev.herald.delivery.OverflowPolicy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsSourceTest {

    @Test
    void wholeNumber_unsetOrBlank_isTheDefault_andUnderscoresSeparateDigits() {
        SettingsSource source = source(Map.of("blank", "  ", "big", "1_048_576"));

        assertThat(source.wholeNumber("unset", 7, 0, 10)).isEqualTo(7);
        assertThat(source.wholeNumber("blank", 7, 0, 10)).isEqualTo(7);
        assertThat(source.wholeNumber("big", 1, 1, Long.MAX_VALUE)).isEqualTo(1_048_576);
    }

    @Test
    void wholeNumber_outOfRangeOrNotANumber_namesTheSettingAndTheRange() {
        SettingsSource source = source(Map.of("herald.x", "-1", "herald.y", "ten"));

        assertThatThrownBy(() -> source.wholeNumber("herald.x", 5, 0, 100))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("herald.x must be a whole number from 0 to 100, was \"-1\"")
                .extracting(e -> ((InvalidSettingException) e).setting()).isEqualTo("herald.x");
        assertThatThrownBy(() -> source.wholeNumber("herald.y", 5, 0, 100))
                .hasMessage("herald.y must be a whole number from 0 to 100, was \"ten\"");
    }

    @Test
    void flagAndChoice_acceptTheirValuesInAnyCase_andNameTheAlternativesOtherwise() {
        SettingsSource source = source(Map.of("f", "TRUE", "p", "drop-oldest", "bad", "sometimes"));

        assertThat(source.flag("f", false)).isTrue();
        assertThat(source.choice("p", OverflowPolicy.class, OverflowPolicy.DISCONNECT))
                .isEqualTo(OverflowPolicy.DROP_OLDEST);
        assertThatThrownBy(() -> source.flag("bad", true)).hasMessage("bad must be true or false, was \"sometimes\"");
        assertThatThrownBy(() -> source.choice("bad", OverflowPolicy.class, OverflowPolicy.DISCONNECT))
                .hasMessage("bad must be one of disconnect drop_oldest, was \"sometimes\"");
    }

    @Test
    void operationsSettings_readTheDrainTimeout_withItsDefaultAndRange() {
        assertThat(OperationsSettings.read(source(Map.of())).drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(OperationsSettings.read(source(Map.of(OperationsSettings.DRAIN_TIMEOUT_MS, "0"))).drainTimeout())
                .isZero();
        assertThatThrownBy(() -> OperationsSettings.read(source(Map.of(OperationsSettings.DRAIN_TIMEOUT_MS, "600001"))))
                .hasMessage("herald.shutdown.drain-timeout-ms must be a whole number from 0 to 600000, was \"600001\"");
    }

    @Test
    void operationsSettings_readTheDemoTick_offByDefault() {
        assertThat(OperationsSettings.read(source(Map.of())).demoTickPeriod()).isZero();
        assertThat(OperationsSettings.read(source(Map.of(OperationsSettings.DEMO_TICK_SECONDS, "5"))).demoTickPeriod())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> OperationsSettings.read(source(Map.of(OperationsSettings.DEMO_TICK_SECONDS, "-1"))))
                .hasMessage("herald.demo.tick-seconds must be a whole number from 0 to 86400, was \"-1\"");
    }

    private static SettingsSource source(Map<String, String> values) {
        return new SettingsSource(name -> Optional.ofNullable(values.get(name)));
    }
}
