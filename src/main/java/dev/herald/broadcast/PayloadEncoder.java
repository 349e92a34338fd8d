package dev.herald.broadcast;

import dev.herald.delivery.Frame;
import dev.herald.event.Payload;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a payload into the frame every recipient shares: JSON-B for values, nothing at all for text that is already
 * encoded. Thread-safe.
 */
@ApplicationScoped
public class PayloadEncoder {

    private static final Logger LOGGER = Logger.getLogger(PayloadEncoder.class.getName());

    private final Jsonb jsonb = JsonbBuilder.create();

    /**
     * @param payload the payload
     * @return its frame
     * @throws IllegalArgumentException when JSON-B cannot serialize the value; the message names its type
     */
    public Frame encode(Payload payload) {
        return Frame.of(switch (payload) {
            case Payload.Verbatim verbatim -> verbatim.text();
            case Payload.Value value -> toJson(value.value());
        });
    }

    /**
     * @param value any JSON-B-serializable value
     * @return its JSON text
     * @throws IllegalArgumentException when JSON-B cannot serialize the value
     */
    public String toJson(Object value) {
        try {
            return jsonb.toJson(value);
        } catch (JsonbException e) {
            throw new IllegalArgumentException("JSON-B cannot serialize a payload of type " + value.getClass().getName()
                    + "; give it public getters or fields, or pass encoded JSON with BroadcastEvent.Builder.json(...)", e);
        }
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "Closing JSON-B failed", e);
        }
    }
}
