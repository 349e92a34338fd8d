package dev.herald.channel;

import dev.herald.rest.problem.Problem;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a request to a WebSocket path that does not ask for an upgrade (a browser's address bar, {@code curl}, a
 * health probe pointed at the wrong path) with 426 Upgrade Required, {@code Upgrade: websocket} and a problem body.
 * Without it the request falls through to the container's static files and gets its HTML 404 page, which says
 * nothing useful and names the server.
 */
@WebFilter(urlPatterns = {"/notifications", "/chat", "/rooms/*", "/user", "/feed"}, asyncSupported = true)
public class UpgradeRequiredFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;

    static final String DETAIL_UPGRADE_REQUIRED = "This is a WebSocket endpoint: connect with a WebSocket client"
            + " (Upgrade: websocket); docs/protocol.md describes each channel";

    private static final String WEBSOCKET = "websocket";

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains(WEBSOCKET)) {
            return Optional.empty();
        }
        // Workaround, Payara Micro 7.2026.11 (Grizzly): a response that carries an Upgrade header is taken for an
        // upgrade, sent without Content-Length, and its connection left open, so the client would wait for the end
        // of the body until a timeout. Closing the connection ends the body; 426 must name the protocol to use.
        return Optional.of(new Refusal(Problem.UPGRADE_REQUIRED, DETAIL_UPGRADE_REQUIRED,
                Map.of("Upgrade", WEBSOCKET, "Connection", "close")));
    }
}
