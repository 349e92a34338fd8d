package dev.herald.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void tryTake_fullBucket_givesCapacityThenRefuses() {
        TokenBucket bucket = new TokenBucket(3, 1, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
    }

    @Test
    void tryTake_afterTime_refillsAtTheRate_neverPastCapacity() {
        TokenBucket bucket = new TokenBucket(2, 10, 0);
        bucket.tryTake(0);
        bucket.tryTake(0);
        assertThat(bucket.tryTake(SECOND / 20)).isFalse();
        assertThat(bucket.tryTake(SECOND / 10)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isFalse();
    }

    @Test
    void tryTake_clockGoingBackwards_addsNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
        bucket.tryTake(10 * SECOND);
        assertThat(bucket.tryTake(5 * SECOND)).isFalse();
    }

    @Test
    void nanosUntilToken_emptyBucket_isTheTimeToRefillOne_zeroWhileOneIsThere() {
        TokenBucket bucket = new TokenBucket(1, 4, 0);
        assertThat(bucket.nanosUntilToken(0)).isZero();
        bucket.tryTake(0);

        assertThat(bucket.nanosUntilToken(0)).isEqualTo(SECOND / 4);
        assertThat(bucket.nanosUntilToken(SECOND / 8)).isEqualTo(SECOND / 8);
        assertThat(bucket.nanosUntilToken(SECOND / 4)).isZero();

        TokenBucket never = new TokenBucket(1, 0, 0);
        never.tryTake(0);
        assertThat(never.nanosUntilToken(SECOND)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void isFull_onlyOnceEveryTakenTokenHasRefilled() {
        TokenBucket bucket = new TokenBucket(2, 1, 0);
        assertThat(bucket.isFull(0)).isTrue();
        bucket.tryTake(0);
        bucket.tryTake(0);

        assertThat(bucket.isFull(SECOND)).isFalse();
        assertThat(bucket.isFull(2 * SECOND)).isTrue();
    }

    @Test
    void constructor_zeroCapacity_isRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
