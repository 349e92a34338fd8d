package dev.herald.rest.problem;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** HTTP 426 Upgrade Required, which {@link Response.Status} does not list. */
    public static final int UPGRADE_REQUIRED = 426;

    /** @return a response with this problem as an {@code application/problem+json} body */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /**
     * Answers a servlet request with this problem, for the code outside JAX-RS (servlet filters, the error page):
     * status, {@code application/problem+json} without a charset (JSON is UTF-8), and the body.
     *
     * @param response a response not committed yet; headers set on it before are kept
     * @throws IOException when writing fails
     */
    public void writeTo(HttpServletResponse response) throws IOException {
        byte[] body = toJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
        return new Problem(status, type == null ? titleOf(status) : type.getReasonPhrase(), detail);
    }

    // Statuses Herald answers with that Jakarta REST's Status does not list.
    private static String titleOf(int status) {
        return status == UPGRADE_REQUIRED ? "Upgrade Required" : "HTTP " + status;
    }
}
