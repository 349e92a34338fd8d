package dev.herald.ops;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Refuses WebSocket handshakes with 503 and {@code Retry-After} while the instance drains, so clients reconnect to
 * another instance instead of joining one that is about to close them. Other requests pass untouched.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HandshakeGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String RETRY_AFTER_SECONDS = "1";

    @Inject
    transient Drain drain;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (drain.isDraining() && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Herald is shutting down");
            return;
        }
        chain.doFilter(request, response);
    }
}
