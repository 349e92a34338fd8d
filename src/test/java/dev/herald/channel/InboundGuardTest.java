package dev.herald.channel;

import dev.herald.config.SecuritySettings;
import dev.herald.event.Channel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.herald.channel.InboundGuard.Verdict.ACCEPT;
import static dev.herald.channel.InboundGuard.Verdict.CLOSE_RATE;
import static dev.herald.channel.InboundGuard.Verdict.CLOSE_TOO_BIG;
import static dev.herald.channel.InboundGuard.Verdict.DROP;
import static dev.herald.channel.InboundGuard.Verdict.DROP_AND_WARN;
import static org.assertj.core.api.Assertions.assertThat;

class InboundGuardTest {

    private static final long SECOND = 1_000_000_000L;
    // 10 bytes, 1 frame a second, burst 2, 2 excess frames forgiven.
    private static final SecuritySettings SMALL = new SecuritySettings(List.of(), true, 10,
            Map.of(Channel.ROOMS, 20), 1, 2, 2, 16, 16, false, 10, 20, Duration.ZERO);

    @Test
    void judge_burstThenExcess_warnsOnceDropsThenCloses() {
        InboundGuard guard = new InboundGuard(SMALL, Channel.CHAT, 0);
        assertThat(guard.judge("a", 0)).isEqualTo(ACCEPT);
        assertThat(guard.judge("a", 0)).isEqualTo(ACCEPT);
        assertThat(guard.judge("a", 0)).isEqualTo(DROP_AND_WARN);
        assertThat(guard.judge("a", 0)).isEqualTo(DROP);
        assertThat(guard.judge("a", 0)).isEqualTo(CLOSE_RATE);
    }

    @Test
    void judge_backWithinTheRate_acceptsAndWarnsAgainOnTheNextRun() {
        InboundGuard guard = new InboundGuard(SMALL, Channel.CHAT, 0);
        guard.judge("a", 0);
        guard.judge("a", 0);
        assertThat(guard.judge("a", 0)).isEqualTo(DROP_AND_WARN);
        assertThat(guard.judge("a", 2 * SECOND)).isEqualTo(ACCEPT);
        assertThat(guard.judge("a", 2 * SECOND)).isEqualTo(ACCEPT);
        assertThat(guard.judge("a", 2 * SECOND)).isEqualTo(DROP_AND_WARN);
    }

    @Test
    void judge_sizeCountsUtf8Bytes_notCharacters() {
        InboundGuard guard = new InboundGuard(SMALL, Channel.CHAT, 0);
        assertThat(guard.judge("ééééé", 0)).isEqualTo(ACCEPT);
        assertThat(guard.judge("éééééa", 0)).isEqualTo(CLOSE_TOO_BIG);
        assertThat(InboundGuard.exceedsUtf8("😀😀😀", 12)).isFalse();
        assertThat(InboundGuard.exceedsUtf8("😀😀😀", 11)).isTrue();
    }

    @Test
    void judge_channelWithItsOwnLimit_usesItInsteadOfTheCommonOne() {
        InboundGuard chat = new InboundGuard(SMALL, Channel.CHAT, 0);
        InboundGuard rooms = new InboundGuard(SMALL, Channel.ROOMS, 0);

        assertThat(chat.judge("x".repeat(11), 0)).isEqualTo(CLOSE_TOO_BIG);
        assertThat(rooms.judge("x".repeat(11), 0)).isEqualTo(ACCEPT);
        assertThat(rooms.judge("x".repeat(20), 0)).isEqualTo(ACCEPT);
        assertThat(rooms.judge("x".repeat(21), 0)).isEqualTo(CLOSE_TOO_BIG);
    }
}
