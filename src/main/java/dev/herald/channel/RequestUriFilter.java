package dev.herald.channel;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Refuses with 400 a handshake whose path and query do not form a valid URI, such as a broken percent-escape
 * ({@code ?x=%zz}). The container would upgrade it and then fail to open the session, which left a connection that
 * no one served and logged the whole request line, query and any {@code access_token} included.
 */
@WebFilter(urlPatterns = {"/notifications", "/chat", "/rooms/*", "/user", "/feed"}, asyncSupported = true)
public class RequestUriFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;

    static final String DETAIL_BAD_URI = "The request's path or query string is not a valid URI: check its %-escapes";

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        return isValidUri(request.getRequestURI(), request.getQueryString())
                ? Optional.empty() : Optional.of(Refusal.badRequest(DETAIL_BAD_URI));
    }

    /**
     * @param path  the request's path, as sent
     * @param query the query string, as sent, or {@code null}
     * @return whether they form a URI that {@link URI} parses
     */
    static boolean isValidUri(String path, String query) {
        try {
            new URI(query == null ? path : path + "?" + query);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
