package dev.herald.rest.problem;

import jakarta.ws.rs.WebApplicationException;

/**
 * A client mistake that Herald answers with a 4xx {@link Problem}. Its detail goes to the client as written, so it
 * must explain the mistake and never carry internal text.
 */
public class ProblemException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    /**
     * @param status the HTTP status, 4xx
     * @param detail what was wrong and how to fix it
     */
    public ProblemException(int status, String detail) {
        super(detail, status);
        this.problem = Problem.of(status, detail);
    }

    /**
     * @param detail what was wrong and how to fix it
     * @return a 400 Bad Request problem
     */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }

    /** @return the problem to answer with */
    public Problem problem() {
        return problem;
    }
}
