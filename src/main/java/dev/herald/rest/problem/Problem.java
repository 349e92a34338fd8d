package dev.herald.rest.problem;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error response Herald's REST API gives.
 *
 * @param status the HTTP status
 * @param title  a short summary that is the same for every occurrence of this kind of problem
 * @param detail what was wrong with this request and how to fix it; never exception text from a library
 */
public record Problem(int status, String title, String detail) {

    // Json.createObjectBuilder() looks the JSON-P provider up (a ServiceLoader scan) on every call; the factory
    // looks it up once.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** @return a response with this problem as an {@code application/problem+json} body */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /** @return this problem as the JSON text of an {@code application/problem+json} body */
    public String toJson() {
        var body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        return body.build().toString();
    }

    /**
     * @param status an HTTP status
     * @param detail what was wrong, or {@code null}
     * @return a problem titled with the status's standard reason phrase
     */
    public static Problem of(int status, String detail) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return new Problem(status, type == null ? "HTTP " + status : type.getReasonPhrase(), detail);
    }
}
