package dev.herald.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON-B instance the REST API reads and writes bodies with: Yasson, set to refuse a body with a field that its
 * type does not have. A misspelt field ({@code "chanel"}) would otherwise be dropped silently and the request carried
 * out without it; refused, it reaches the client as a 400 problem (see
 * {@link dev.herald.rest.problem.MalformedBodyMapper}). Free-form JSON values, such as a broadcast's {@code payload},
 * are not affected. Thread-safe; one instance for the application.
 */
@Provider
public class StrictJsonb implements ContextResolver<Jsonb> {

    /** Yasson's property for failing on unknown properties. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
