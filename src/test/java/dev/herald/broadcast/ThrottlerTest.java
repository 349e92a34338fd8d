package dev.herald.broadcast;

import dev.herald.delivery.ManualScheduler;
import dev.herald.event.Delivery.ThrottleMode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottlerTest {

    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> sent = new ArrayList<>();
    private final Throttler<String> throttler = new Throttler<>(scheduler, message -> {
        sent.add(message);
        return 1;
    });

    @Test
    void tenEventsTenMillisApart_modeLatest_sendsTheFirstAtOnce_andTheTenthWhenTheIntervalEnds() {
        fireTenEventsTenMillisApart(ThrottleMode.LATEST);

        assertThat(sent).containsExactly("1");
        scheduler.advanceMillis(10);
        assertThat(sent).containsExactly("1", "10");
        assertThat(throttler.replacedCount()).isEqualTo(8);

        scheduler.advanceMillis(100);
        assertThat(sent).containsExactly("1", "10");
        assertThat(throttler.activeKeys()).isZero();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void tenEventsTenMillisApart_modeDrop_sendsOnlyTheFirst_andCountsNineDrops() {
        fireTenEventsTenMillisApart(ThrottleMode.DROP);
        scheduler.advanceMillis(500);

        assertThat(sent).containsExactly("1");
        assertThat(throttler.droppedCount()).isEqualTo(9);
        assertThat(throttler.activeKeys()).isZero();
    }

    @Test
    void offer_returnsRecipientsWhenSent_andZeroWhenHeld() {
        assertThat(throttler.offer("k", "a", INTERVAL, ThrottleMode.LATEST)).isEqualTo(1);
        assertThat(throttler.offer("k", "b", INTERVAL, ThrottleMode.LATEST)).isZero();
    }

    @Test
    void differentKeys_areThrottledIndependently() {
        throttler.offer("a", "a1", INTERVAL, ThrottleMode.LATEST);
        throttler.offer("b", "b1", INTERVAL, ThrottleMode.LATEST);
        throttler.offer("a", "a2", INTERVAL, ThrottleMode.LATEST);

        assertThat(sent).containsExactly("a1", "b1");
        scheduler.advanceMillis(100);
        assertThat(sent).containsExactly("a1", "b1", "a2");
    }

    @Test
    void eventAfterAQuietInterval_goesOutAtOnce() {
        throttler.offer("k", "1", INTERVAL, ThrottleMode.LATEST);
        scheduler.advanceMillis(150);
        throttler.offer("k", "2", INTERVAL, ThrottleMode.LATEST);

        assertThat(sent).containsExactly("1", "2");
    }

    @Test
    void steadyStream_sendsOnePerInterval_andAlwaysTheLatest() {
        for (int i = 1; i <= 50; i++) {
            throttler.offer("k", Integer.toString(i), INTERVAL, ThrottleMode.LATEST);
            scheduler.advanceMillis(10);
        }
        scheduler.advanceMillis(1_000);

        // Sent at 0, 100, 200, 300, 400 (each the latest fired by then: 10, 20, 30, 40) and the last, 50, at 500.
        assertThat(sent).containsExactly("1", "10", "20", "30", "40", "50");
    }

    private void fireTenEventsTenMillisApart(ThrottleMode mode) {
        for (int i = 1; i <= 10; i++) {
            throttler.offer("key", Integer.toString(i), INTERVAL, mode);
            if (i < 10) {
                scheduler.advanceMillis(10);
            }
        }
    }
}
