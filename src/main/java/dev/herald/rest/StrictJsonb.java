package dev.herald.rest;

import dev.herald.rest.problem.ProblemException;

import jakarta.annotation.Priority;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * How the REST API reads JSON bodies, strictly, in one place for every resource:
 * <ul>
 *     <li>before binding, each JSON body is checked against the type it is bound to ({@link JsonBodyShape}): one
 *     JSON value and nothing after it, no repeated key, no unknown field, and each field of the right kind, with no
 *     {@code null} standing in for a field left out. Yasson would otherwise turn {@code "room":5} into
 *     {@code "5"}, {@code "room":null} into no room at all, and let the last of two equal keys win;</li>
 *     <li>binding uses Yasson set to refuse a field its type does not have, as a second line behind the check.</li>
 * </ul>
 * A refused body reaches the client as a 400 problem whose detail names the field (see
 * {@link dev.herald.rest.problem.MalformedBodyMapper}). Free-form JSON values, such as a broadcast's {@code payload},
 * may hold anything but a repeated key. Thread-safe; one JSON-B instance for the application.
 */
@Provider
// Inside RequestSizeLimit (Priorities.USER): the body read here in full is already bounded to 64 KiB.
@Priority(Priorities.USER + 100)
public class StrictJsonb implements ContextResolver<Jsonb>, ReaderInterceptor {

    /** Yasson's property for failing on unknown properties. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    // Static: JAX-RS may create one instance of this class per contract it serves.
    private static final Jsonb JSONB = JsonbBuilder.create(
            new JsonbConfig().setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /**
     * Reads a JSON body whole, checks it against the type it is about to be bound to, and hands the same bytes on.
     *
     * @throws ProblemException (400) when the body is not strictly of that type
     */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        try {
            JsonBodyShape.check(body, context.getGenericType());
        } catch (JsonBodyShape.Refused e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return type != null
                && (MediaType.APPLICATION_JSON_TYPE.isCompatible(type) || type.getSubtype().endsWith("+json"));
    }
}
