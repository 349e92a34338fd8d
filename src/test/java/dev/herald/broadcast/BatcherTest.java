package dev.herald.broadcast;

import dev.herald.delivery.Frame;
import dev.herald.delivery.ManualScheduler;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BatcherTest {

    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(50);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> sent = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    @Test
    void twentyEventsWithinTheWindow_goOutAsOneBatchInFireOrder_whenTheWindowEnds() {
        Batcher batcher = batcher(100, 1_000_000);

        for (int i = 1; i <= 20; i++) {
            batcher.add("audience", Frame.of("{\"n\":" + i + "}"), WINDOW);
        }
        assertThat(sent).isEmpty();
        scheduler.advanceMillis(50);

        String messages = IntStream.rangeClosed(1, 20).mapToObj(i -> "{\"n\":" + i + "}").collect(Collectors.joining(","));
        assertThat(sent).containsExactly("{\"type\":\"batch\",\"messages\":[" + messages + "]}");
        assertThat(batcher.openBatches()).isZero();
    }

    @Test
    void twoEventsFurtherApartThanTheWindow_goOutAsTwoBatchesOfOne() {
        Batcher batcher = batcher(100, 1_000_000);

        batcher.add("audience", Frame.of("1"), WINDOW);
        scheduler.advanceMillis(200);
        batcher.add("audience", Frame.of("2"), WINDOW);
        scheduler.advanceMillis(200);

        assertThat(sent).containsExactly(batch("1"), batch("2"));
    }

    @Test
    void batchReachingTheMessageCount_goesOutAtOnce_andTheNextOpensAFreshWindow() {
        Batcher batcher = batcher(3, 1_000_000);

        for (int i = 1; i <= 4; i++) {
            batcher.add("audience", Frame.of(Integer.toString(i)), WINDOW);
        }

        assertThat(sent).containsExactly(batch("1,2,3"));
        scheduler.advanceMillis(50);
        assertThat(sent).containsExactly(batch("1,2,3"), batch("4"));
        assertThat(sizes).containsExactly(3, 1);
    }

    @Test
    void batchReachingTheByteSize_goesOutAtOnce() {
        Batcher batcher = batcher(100, 6);

        batcher.add("audience", Frame.of("\"ab\""), WINDOW);
        batcher.add("audience", Frame.of("\"cd\""), WINDOW);

        assertThat(sent).containsExactly(batch("\"ab\",\"cd\""));
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void differentKeys_areBatchedApart() {
        Batcher batcher = batcher(100, 1_000_000);

        batcher.add("a", Frame.of("1"), WINDOW);
        batcher.add("b", Frame.of("2"), WINDOW);
        batcher.add("a", Frame.of("3"), WINDOW);
        scheduler.advanceMillis(50);

        assertThat(sent).containsExactly(batch("1,3"), batch("2"));
    }

    @Test
    void flush_sendsTheOpenBatchNow_andIsHarmlessWithoutOne() {
        Batcher batcher = batcher(100, 1_000_000);
        batcher.flush("audience");
        batcher.add("audience", Frame.of("1"), WINDOW);

        batcher.flush("audience");
        scheduler.advanceMillis(50);

        assertThat(sent).containsExactly(batch("1"));
    }

    @Test
    void encode_isOneFrameWithItsUtf8Size() {
        Frame frame = Batcher.encode(List.of(Frame.of("\"é\""), Frame.of("2")));

        assertThat(frame.text()).isEqualTo("{\"type\":\"batch\",\"messages\":[\"é\",2]}");
        assertThat(frame.size()).isEqualTo(frame.text().length() + 1);
    }

    private Batcher batcher(int maxMessages, long maxBytes) {
        return new Batcher(scheduler, (key, frame, messages) -> {
            sent.add(frame.text());
            sizes.add(messages);
        }, maxMessages, maxBytes);
    }

    private static String batch(String messages) {
        return "{\"type\":\"batch\",\"messages\":[" + messages + "]}";
    }
}
