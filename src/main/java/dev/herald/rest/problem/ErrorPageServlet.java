package dev.herald.rest.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The error page of the whole application ({@code WEB-INF/web.xml} sends every error here): whatever the container
 * answers with an error of its own (a path with no file or resource, a method the static files do not take, a
 * failure outside the REST API) goes out as an {@code application/problem+json} body with the same status, instead
 * of the container's HTML page, which names the server and says nothing a program can use. The REST API and the
 * WebSocket handshake filters write their problems themselves and never come here.
 *
 * <p>Only the status is passed on: never the container's message, an exception or a class name. Requested directly,
 * the page is a path like any other that names no resource: 404.
 */
@WebServlet(urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where {@code web.xml} sends errors. */
    public static final String PATH = "/error-problem";

    static final String DETAIL_NOT_FOUND = "There is nothing at this path: the REST API is under /api (see /openapi),"
            + " the WebSocket channels are described in docs/protocol.md";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code : HttpServletResponse.SC_NOT_FOUND;
        Problem.of(status, status == HttpServletResponse.SC_NOT_FOUND ? DETAIL_NOT_FOUND : null).writeTo(response);
    }
}
