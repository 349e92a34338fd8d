package dev.herald.event;

import java.util.Objects;

/**
 * What a {@link BroadcastEvent} carries. Either an object that Herald serializes with JSON-B, or text that Herald
 * sends exactly as given. Herald encodes a payload once per event, however many connections receive it.
 */
public sealed interface Payload {

    /**
     * A value to serialize with JSON-B: a record, a bean, a map, a collection, a string or a number.
     *
     * @param value the value; never {@code null}
     * @return the payload
     */
    static Payload of(Object value) {
        return new Value(value);
    }

    /**
     * A JSON document that is already encoded and goes out byte for byte. Herald does not parse it: passing text that
     * is not JSON breaks clients that expect JSON.
     *
     * @param json the encoded document; never {@code null}
     * @return the payload
     */
    static Payload json(String json) {
        return new Verbatim(json);
    }

    /** A value serialized with JSON-B when the event is dispatched. */
    record Value(Object value) implements Payload {

        /** @throws NullPointerException when {@code value} is null */
        public Value {
            Objects.requireNonNull(value, "value: a payload must not be null, use Payload.json(\"null\") to send null");
        }
    }

    /** Text sent as is. */
    record Verbatim(String text) implements Payload {

        /** @throws NullPointerException when {@code text} is null */
        public Verbatim {
            Objects.requireNonNull(text, "text");
        }
    }
}
