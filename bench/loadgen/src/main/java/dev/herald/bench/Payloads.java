package dev.herald.bench;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The benchmark's message: a JSON object of exactly {@link #SIZE} bytes carrying a sequence number {@code s} and the
 * send time {@code t} in microseconds since the epoch (0 for warm-up messages, which are delivered and counted but
 * not timed). Every process on the machine reads the same wall clock, so receive time minus {@code t} is the
 * publish-to-receive latency.
 */
final class Payloads {

    /** Size of one benchmark message in bytes, as the issue asks for S1. */
    static final int SIZE = 100;

    private Payloads() {
    }

    /** @return now, in microseconds since the epoch */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * @param seq       the message's sequence number, from 0
     * @param sentMicros the send time, or 0 for a warm-up message
     * @return {@code {"s":seq,"t":micros,"p":"xxx…"}}, padded to {@link #SIZE} bytes
     */
    static String message(long seq, long sentMicros) {
        String head = "{\"s\":" + seq + ",\"t\":" + sentMicros + ",\"p\":\"";
        int padding = Math.max(0, SIZE - head.length() - 2);
        return head + "x".repeat(padding) + "\"}";
    }

    /**
     * @param frame a frame's bytes
     * @param key   a one-letter key
     * @return the non-negative integer after {@code "key":}, or -1 when the frame has none
     */
    static long field(ByteBuf frame, char key) {
        int end = frame.writerIndex() - 4;
        for (int i = frame.readerIndex(); i < end; i++) {
            if (frame.getByte(i) == '"' && frame.getByte(i + 1) == key && frame.getByte(i + 2) == '"'
                    && frame.getByte(i + 3) == ':') {
                return digits(frame, i + 4);
            }
        }
        return -1;
    }

    private static long digits(ByteBuf frame, int from) {
        long value = 0;
        boolean any = false;
        for (int i = from; i < frame.writerIndex(); i++) {
            byte b = frame.getByte(i);
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                any = true;
            } else if (b != ' ' || any) {
                break;
            }
        }
        return any ? value : -1;
    }

    /**
     * @param frame a frame's bytes
     * @return whether it is a {@code connected} greeting
     */
    static boolean isGreeting(ByteBuf frame) {
        return frame.toString(StandardCharsets.UTF_8).contains("\"connected\"");
    }
}
