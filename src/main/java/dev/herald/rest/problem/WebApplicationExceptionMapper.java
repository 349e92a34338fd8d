package dev.herald.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers every JAX-RS status exception (404, 405, 415, and Herald's own {@link ProblemException}) with a problem
 * body. Only Herald's own exceptions carry a detail; the container's messages are not passed on. A 405 keeps the
 * {@code Allow} header that says which methods the path takes.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final String DETAIL_BAD_REQUEST = "The request is not valid: check that the body is a JSON object"
            + " with the fields the API description lists";

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (exception instanceof ProblemException problemException) {
            return problemException.problem().toResponse();
        }
        Response original = exception.getResponse();
        int status = original.getStatus();
        Response problem = Problem.of(status, status == 400 ? DETAIL_BAD_REQUEST : null).toResponse();
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? problem : Response.fromResponse(problem).header(HttpHeaders.ALLOW, allow).build();
    }
}
