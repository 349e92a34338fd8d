package dev.herald.channel;

import dev.herald.config.SecurityConfiguration;
import dev.herald.config.SecuritySettings;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Refuses a WebSocket handshake from a page on another site with 403: browsers send the page's {@code Origin} with
 * every WebSocket handshake and let any page connect anywhere, cookies and all, so the server must check it. An
 * origin is allowed when it is exactly (scheme, host and port) on {@code herald.security.allowed-origins}, where
 * {@code self} is the hub's own origin (see {@link #selfOrigin(String, String)}). A handshake without {@code Origin}
 * comes from a program, not a browser page; {@code herald.security.allow-missing-origin} decides (default: let it in).
 */
@WebFilter(urlPatterns = {"/notifications", "/chat", "/rooms/*", "/user", "/feed"}, asyncSupported = true)
public class OriginFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(OriginFilter.class.getName());
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

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
        if (settings.allowsOrigin(origin.strip(), selfOrigin(request.getScheme(), request.getHeader("Host")))) {
            return Optional.empty();
        }
        LOGGER.log(Level.FINE, "Refused a handshake on {0} from a foreign origin", pathOf(request));
        return Optional.of(Refusal.of(403, DETAIL_FOREIGN_ORIGIN));
    }

    /**
     * The origin a page served by this hub would send, when the request's {@code Host} can be trusted to name this hub:
     * an IP address or {@code localhost}. A DNS name cannot be trusted: a page on {@code evil.example} whose name an
     * attacker later points at this hub's address (DNS rebinding) sends {@code Host: evil.example} and the matching
     * {@code Origin}, and would pass. Hubs reached by name list their origins instead.
     *
     * @param scheme the request's scheme
     * @param host   the request's {@code Host} header, or null
     * @return {@code scheme://host} for an IP literal or {@code localhost} (any port); null when {@code self} must match
     *         nothing
     */
    static String selfOrigin(String scheme, String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String name = hostName(host.strip());
        boolean rebindingProof = name.equalsIgnoreCase("localhost")
                || (name.startsWith("[") && name.endsWith("]"))
                || IPV4.matcher(name).matches();
        return rebindingProof ? scheme + "://" + host.strip() : null;
    }

    // The host part of a Host header: without its port, keeping the brackets of an IPv6 literal.
    private static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
