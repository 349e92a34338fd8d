package dev.herald.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers every JAX-RS status exception (404, 405, 415, and Herald's own {@link ProblemException}) with a problem
 * body. Only Herald's own exceptions carry a detail; the container's messages are not passed on.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final String DETAIL_BAD_REQUEST = "The request is not valid: check that the body is a JSON object"
            + " with the fields the API description lists";

    @Override
    public jakarta.ws.rs.core.Response toResponse(WebApplicationException exception) {
        if (exception instanceof ProblemException problemException) {
            return problemException.problem().toResponse();
        }
        int status = exception.getResponse().getStatus();
        return Problem.of(status, status == 400 ? DETAIL_BAD_REQUEST : null).toResponse();
    }
}
