package dev.herald.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: a failure Herald did not expect becomes a 500 whose body carries only an incident id, and the log
 * gets the whole story under the same id.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOGGER = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        LOGGER.log(Level.SEVERE, "Unexpected failure in the REST API, incident " + incident, exception);
        return Problem.of(500, "Herald failed unexpectedly; incident " + incident).toResponse();
    }
}
