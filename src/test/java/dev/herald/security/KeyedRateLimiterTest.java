package dev.herald.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyedRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void tryAcquire_pastTheBurst_refusedWithTheWaitForTheNextToken_otherKeysUnaffected() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(2, 1.0 / 6);

        assertThat(limiter.tryAcquire("10.0.0.1", 0)).isEmpty();
        assertThat(limiter.tryAcquire("10.0.0.1", 0)).isEmpty();
        assertThat(limiter.tryAcquire("10.0.0.1", 0)).contains(Duration.ofSeconds(6));
        assertThat(limiter.tryAcquire("10.0.0.1", 4 * SECOND)).contains(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("10.0.0.2", 4 * SECOND)).isEmpty();
        assertThat(limiter.tryAcquire("10.0.0.1", 6 * SECOND)).isEmpty();
        assertThat(limiter.tryAcquire("10.0.0.1", 6 * SECOND)).contains(Duration.ofSeconds(6));
    }

    @Test
    void tryAcquire_pastTheSweepThreshold_refilledBucketsForgotten_limitedOnesKept() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, 1);
        int first = KeyedRateLimiter.FIRST_SWEEP_AT + 1;
        // Passing the threshold sweeps, but nobody has refilled yet: all are kept, and the threshold doubles.
        for (int i = 0; i < first; i++) {
            limiter.tryAcquire("early-" + i, 0);
        }
        assertThat(limiter.size()).isEqualTo(first);
        limiter.tryAcquire("busy", 3 * SECOND / 2);

        // Past the doubled threshold, two seconds on: the early buckets are full again and go; "busy" is still
        // half empty and stays, as do the ones just used.
        for (int i = 0; i < first; i++) {
            limiter.tryAcquire("late-" + i, 2 * SECOND);
        }

        assertThat(limiter.size()).isEqualTo(first + 1);
        assertThat(limiter.tryAcquire("busy", 2 * SECOND)).contains(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("early-0", 2 * SECOND)).isEmpty();
    }

    @Test
    void constructor_noCapacityOrNoRate_isRefused() {
        assertThatThrownBy(() -> new KeyedRateLimiter(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedRateLimiter(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
