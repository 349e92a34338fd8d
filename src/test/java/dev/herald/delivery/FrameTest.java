package dev.herald.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameTest {

    @Test
    void of_countsUtf8Bytes_includingSurrogatePairsAsFour() {
        assertThat(Frame.of("a").size()).isEqualTo(1);
        assertThat(Frame.of("é").size()).isEqualTo(2);
        assertThat(Frame.of("✓").size()).isEqualTo(3);
        assertThat(Frame.of("😀").size()).isEqualTo(4);
        assertThat(Frame.of("a😀é").size()).isEqualTo(7);
    }

    @Test
    void of_withALoneSurrogate_isRefused() {
        String loneHigh = "x" + (char) 0xD800;
        String loneLow = (char) 0xDC00 + "y";
        String reversedPair = "" + (char) 0xDC00 + (char) 0xD800;

        for (String text : new String[] {loneHigh, loneLow, reversedPair}) {
            assertThatThrownBy(() -> Frame.of(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lone surrogate");
        }
    }
}
