package dev.herald.ops;

import dev.herald.rest.problem.Problem;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Refuses WebSocket handshakes with 503, {@code Retry-After} and a problem body while the instance drains, so clients
 * reconnect to another instance instead of joining one that is about to close them. Other requests pass untouched.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HandshakeGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final String DETAIL_DRAINING = "Herald is shutting down: connect again, to another instance";

    @Inject
    transient Drain drain;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (drain.isDraining() && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            Problem.of(HttpServletResponse.SC_SERVICE_UNAVAILABLE, DETAIL_DRAINING).writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }
}
