package dev.herald.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Herald's Jakarta Security authentication: a request that carries a valid bearer token is authenticated as the
 * token's {@code sub}, with its {@code groups} as the caller's groups (and roles). The token is taken from, in order:
 * <ol>
 *     <li>the {@code Authorization: Bearer <token>} header;</li>
 *     <li>the WebSocket subprotocol pair {@code Sec-WebSocket-Protocol: bearer, <token>}, since browsers cannot set
 *     headers on a WebSocket;</li>
 *     <li>the {@code access_token} query parameter of a {@code GET}, for clients that can do neither.</li>
 * </ol>
 *
 * <p>This mechanism never answers a request itself: a request without a token, or with one Herald refuses, goes on
 * anonymously, and whoever needs a caller (the {@code /user} handshake, a role check on the REST API) answers 401. It
 * leaves the reason a token was refused in the request attribute {@link #ATTRIBUTE_TOKEN_PROBLEM} for them.
 */
@ApplicationScoped
@DeclareRoles({Roles.PUBLISHER})
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    /** Request attribute: why the bearer token was refused, one of {@link InvalidTokenException}'s reasons. */
    public static final String ATTRIBUTE_TOKEN_PROBLEM = "dev.herald.security.tokenProblem";
    /** Request attribute: when the accepted token expires, an {@link Instant}. */
    public static final String ATTRIBUTE_TOKEN_EXPIRES = "dev.herald.security.tokenExpires";

    private static final Logger LOGGER = Logger.getLogger(BearerTokenMechanism.class.getName());
    private static final String BEARER_PREFIX = "Bearer ";
    private static final String SUBPROTOCOL_BEARER = "bearer";
    private static final String QUERY_ACCESS_TOKEN = "access_token";

    @Inject
    TokenService tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<String> token = tokenOf(request);
        if (token.isEmpty()) {
            return context.doNothing();
        }

        try {
            VerifiedToken verified = tokens.verify(token.get());
            request.setAttribute(ATTRIBUTE_TOKEN_EXPIRES, verified.expiresAt());
            return context.notifyContainerAboutLogin(verified.subject(), verified.groups());
        } catch (InvalidTokenException e) {
            if (LOGGER.isLoggable(Level.FINE)) {
                LOGGER.log(Level.FINE, "Refused a bearer token on " + request.getRequestURI() + ": " + e.reason(), e);
            }
            request.setAttribute(ATTRIBUTE_TOKEN_PROBLEM, e.reason());
            return context.doNothing();
        }
    }

    private static Optional<String> tokenOf(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return nonBlank(authorization.substring(BEARER_PREFIX.length()).trim());
        }

        Optional<String> fromSubprotocol = fromSubprotocols(request.getHeader("Sec-WebSocket-Protocol"));
        if (fromSubprotocol.isPresent()) {
            return fromSubprotocol;
        }

        // Only on GET: reading parameters of a form POST would consume its body.
        return "GET".equals(request.getMethod()) ? nonBlank(request.getParameter(QUERY_ACCESS_TOKEN)) : Optional.empty();
    }

    // "bearer, <token>": the token is the offered protocol right after "bearer".
    private static Optional<String> fromSubprotocols(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] offered = header.split(",");
        for (int i = 0; i + 1 < offered.length; i++) {
            if (offered[i].trim().equals(SUBPROTOCOL_BEARER)) {
                return nonBlank(offered[i + 1].trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
