package dev.herald.channel;

import dev.herald.security.BearerTokenMechanism;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * Refuses a {@code /user} handshake that the container did not authenticate with 401: no token, or a token that is
 * malformed, badly signed, expired or from another issuer. An authenticated handshake goes on with a
 * token principal (see {@link HandshakeFilter#admitted}).
 */
@WebFilter(urlPatterns = UserEndpoint.PATH, asyncSupported = true)
public class UserHandshakeFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;

    static final String DETAIL_NO_TOKEN = "Connecting to /user needs a token: offer the subprotocols \"bearer\" and"
            + " the token, or add ?access_token=<token>";

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        if (request.getUserPrincipal() != null && tokenExpiryOf(request) != null) {
            return Optional.empty();
        }
        return Optional.of(Refusal.unauthorized(request.getAttribute(BearerTokenMechanism.ATTRIBUTE_TOKEN_PROBLEM),
                DETAIL_NO_TOKEN));
    }
}
