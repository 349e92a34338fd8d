package dev.herald.channel;

import dev.herald.config.SecurityConfiguration;
import dev.herald.config.SecuritySettings;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refuses a WebSocket handshake from a page on another site with 403: browsers send the page's {@code Origin} with
 * every WebSocket handshake and let any page connect anywhere, cookies and all, so the server must check it. An
 * origin is allowed when it is exactly (scheme, host and port) on {@code herald.security.allowed-origins}, where
 * {@code self} is the hub's own origin. A handshake without {@code Origin} comes from a program, not a browser page;
 * {@code herald.security.allow-missing-origin} decides (default: let it in).
 */
@WebFilter(urlPatterns = {"/notifications", "/chat", "/rooms/*", "/user", "/feed"}, asyncSupported = true)
public class OriginFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(OriginFilter.class.getName());

    static final String DETAIL_FOREIGN_ORIGIN = "WebSocket connections from this origin are not allowed";
    static final String DETAIL_MISSING_ORIGIN = "WebSocket connections must send an Origin header";

    @Inject
    SecurityConfiguration configuration;

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        SecuritySettings settings = configuration.security();
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return settings.allowMissingOrigin()
                    ? Optional.empty() : Optional.of(Refusal.of(403, DETAIL_MISSING_ORIGIN));
        }
        if (settings.allowsOrigin(origin.strip(), selfOrigin(request))) {
            return Optional.empty();
        }
        LOGGER.log(Level.FINE, "Refused a handshake on {0} from a foreign origin", pathOf(request));
        return Optional.of(Refusal.of(403, DETAIL_FOREIGN_ORIGIN));
    }

    // The origin a page served by this hub would send: the request's scheme and its Host header as the client wrote it.
    private static String selfOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return request.getScheme() + "://" + (host == null ? request.getServerName() + ":" + request.getServerPort() : host);
    }
}
