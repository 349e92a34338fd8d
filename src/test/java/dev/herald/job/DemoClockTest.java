package dev.herald.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DemoClockTest {

    @ParameterizedTest
    @CsvSource({
            "2026-12-03T10:00:00Z,     1, 2026-12-03T10:00:01Z",
            "2026-12-03T10:00:00.999Z, 1, 2026-12-03T10:00:01Z",
            "2026-12-03T10:00:00Z,     5, 2026-12-03T10:00:05Z",
            "2026-12-03T10:00:04.5Z,   5, 2026-12-03T10:00:05Z",
            "2026-12-03T10:00:05Z,     5, 2026-12-03T10:00:10Z",
            "2026-12-03T10:00:59Z,    60, 2026-12-03T10:01:00Z",
    })
    void nextTick_isTheFirstWholeMultipleOfThePeriodStrictlyAfter(Instant after, long seconds, Instant expected) {
        assertThat(DemoClock.nextTick(after, Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
