package dev.herald.rest.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.stream.Collectors;

/** Answers a request that fails Jakarta Validation with 400 and a detail naming each invalid field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        String detail = exception.getConstraintViolations().stream()
                .map(ConstraintViolationMapper::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return Problem.of(400, detail.isEmpty() ? "The request is not valid" : detail).toResponse();
    }

    private static String describe(ConstraintViolation<?> violation) {
        // The path looks like "publish.request.channel"; the client only knows the last part.
        String path = violation.getPropertyPath().toString();
        String field = path.substring(path.lastIndexOf('.') + 1);
        return field.startsWith("arg") || field.equals("request") ? "body: " + violation.getMessage()
                : field + ": " + violation.getMessage();
    }
}
