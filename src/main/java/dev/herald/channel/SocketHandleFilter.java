package dev.herald.channel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Keeps the handle that releases a WebSocket's socket (see {@link SocketRelease}) for the duration of its handshake,
 * so that {@link HandshakeConfigurator} can hand it to the session. Refuses nothing.
 */
@WebFilter(urlPatterns = {"/notifications", "/chat", "/rooms/*", "/user", "/feed"}, asyncSupported = true)
public class SocketHandleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getHeader("Upgrade") == null) {
            chain.doFilter(request, response);
            return;
        }
        SocketRelease.beginHandshake(request);
        try {
            chain.doFilter(request, response);
        } finally {
            SocketRelease.endHandshake();
        }
    }
}
