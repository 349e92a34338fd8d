package dev.herald.rest.problem;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a request body that cannot be read as the expected JSON (malformed, or of the wrong types) with 400, or
 * with the status of a limit that stopped the reading (413).
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    static final String DETAIL_MALFORMED = "The body is not valid JSON of the expected shape: check the syntax and the"
            + " type of each field against the API description";

    @Override
    public Response toResponse(ProcessingException exception) {
        return answer(exception);
    }

    /**
     * @param exception a failure while reading a body
     * @return the problem response for it
     */
    static Response answer(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem.problem().toResponse();
            }
        }
        return Problem.of(400, DETAIL_MALFORMED).toResponse();
    }

    /** The same answer when JSON-B's exception reaches JAX-RS unwrapped. */
    @Provider
    public static class Jsonb implements ExceptionMapper<JsonbException> {

        @Override
        public Response toResponse(JsonbException exception) {
            return answer(exception);
        }
    }

    /** The same answer when JSON-P's parser exception reaches JAX-RS unwrapped. */
    @Provider
    public static class JsonParsing implements ExceptionMapper<JsonParsingException> {

        @Override
        public Response toResponse(JsonParsingException exception) {
            return answer(exception);
        }
    }
}
