package dev.herald.channel;

import dev.herald.security.BearerTokenMechanism;
import dev.herald.security.TokenPrincipal;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses a {@code /user} handshake that the container did not authenticate with 401: no token, or a token that is
 * malformed, badly signed, expired or from another issuer. An authenticated handshake goes on with a
 * {@link TokenPrincipal}, which is what {@code Session.getUserPrincipal()} then answers in the endpoint.
 */
@WebFilter(urlPatterns = UserEndpoint.PATH, asyncSupported = true)
public class UserHandshakeFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;

    static final String DETAIL_NO_TOKEN = "Connecting to /user needs a token: offer the subprotocols \"bearer\" and"
            + " the token, or add ?access_token=<token>";

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        if (request.getUserPrincipal() != null && expiryOf(request) != null) {
            return Optional.empty();
        }
        return Optional.of(Refusal.unauthorized(request.getAttribute(BearerTokenMechanism.ATTRIBUTE_TOKEN_PROBLEM),
                DETAIL_NO_TOKEN));
    }

    @Override
    protected HttpServletRequest admitted(HttpServletRequest request) {
        TokenPrincipal principal = new TokenPrincipal(request.getUserPrincipal().getName(), expiryOf(request));
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }
        };
    }

    private static Instant expiryOf(HttpServletRequest request) {
        return request.getAttribute(BearerTokenMechanism.ATTRIBUTE_TOKEN_EXPIRES) instanceof Instant expires
                ? expires : null;
    }
}
