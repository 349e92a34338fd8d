package dev.herald.delivery;

import java.util.Objects;

/**
 * One encoded text frame, shared by every connection that receives it. Its size is counted once, when it is made.
 *
 * @param text         the frame's text
 * @param size         the text's length in UTF-8 bytes, which is what it costs in an outbound queue
 * @param createdNanos the {@link System#nanoTime()} when it was made, that is when its event was published; what the
 *                     publish-to-write latency is measured from
 */
public record Frame(String text, int size, long createdNanos) {

    /**
     * A frame made now.
     *
     * @param text the frame's text
     * @param size the text's length in UTF-8 bytes
     */
    public Frame(String text, int size) {
        this(text, size, System.nanoTime());
    }

    /**
     * @param text the frame's text; never {@code null}
     * @return the frame with its UTF-8 size counted
     * @throws IllegalArgumentException when the text holds a lone surrogate, which no WebSocket text frame can carry
     */
    public static Frame of(String text) {
        Objects.requireNonNull(text, "text");
        return new Frame(text, utf8Length(text));
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                // UTF-8 cannot encode half a pair; the container would fail the write with an Error mid-fan-out.
                throw new IllegalArgumentException("The text is not valid Unicode: a lone surrogate at index " + i);
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
