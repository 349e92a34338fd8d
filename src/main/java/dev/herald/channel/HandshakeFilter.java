package dev.herald.channel;

import dev.herald.rest.problem.Problem;
import dev.herald.security.BearerTokenMechanism;
import dev.herald.security.TokenPrincipal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a WebSocket handshake before the container upgrades it, and refuses a bad one with an HTTP status and an
 * {@code application/problem+json} body: no {@code 101}, no session, nothing registered. A servlet filter on the
 * endpoint's path runs before Tyrus's own upgrade filter in Payara Micro 7, which is what makes this possible; a
 * {@code ServerEndpointConfig.Configurator} can only refuse with 403 or 500.
 */
abstract class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Refusal> refusal = check(request);
        if (refusal.isPresent()) {
            refuse(response, refusal.get());
            return;
        }
        chain.doFilter(admitted(request), response);
    }

    /**
     * @param request the handshake request
     * @return why it is refused, or empty to let it through
     */
    protected abstract Optional<Refusal> check(HttpServletRequest request);

    /**
     * @param request a request that passed {@link #check}
     * @return the request to hand on: when the container authenticated it with a token, one whose user principal is
     *         a {@link TokenPrincipal}, which {@code Session.getUserPrincipal()} then answers in the endpoint, so the
     *         connection can end when the token expires; otherwise the same request
     */
    protected HttpServletRequest admitted(HttpServletRequest request) {
        Instant expires = tokenExpiryOf(request);
        if (request.getUserPrincipal() == null || expires == null) {
            return request;
        }
        TokenPrincipal principal = new TokenPrincipal(request.getUserPrincipal().getName(), expires);
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }
        };
    }

    /**
     * @param request a handshake request
     * @return when the token the container authenticated it with expires, or {@code null} without one
     */
    protected static Instant tokenExpiryOf(HttpServletRequest request) {
        return request.getAttribute(BearerTokenMechanism.ATTRIBUTE_TOKEN_EXPIRES) instanceof Instant expires
                ? expires : null;
    }

    /**
     * @param request a request
     * @return its path below the context root, still percent-encoded, such as {@code /rooms/lobby}
     */
    protected static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        refusal.headers().forEach(response::setHeader);
        Problem.of(refusal.status(), refusal.detail()).writeTo(response);
    }

    /**
     * Why a handshake is refused.
     *
     * @param status  the HTTP status, 4xx
     * @param detail  what was wrong and how to fix it, for the client
     * @param headers headers the answer needs besides its body, such as {@code WWW-Authenticate} with 401
     */
    protected record Refusal(int status, String detail, Map<String, String> headers) {

        /** Detail of a 401 for a token that was given but refused; {@code %s} is the reason. */
        static final String DETAIL_REFUSED_TOKEN = "The token was refused (%s): get a new one";

        protected Refusal {
            headers = Map.copyOf(headers);
        }

        static Refusal of(int status, String detail) {
            return new Refusal(status, detail, Map.of());
        }

        static Refusal badRequest(String detail) {
            return of(400, detail);
        }

        /**
         * @param tokenProblem  why the request's token was refused, or {@code null} when it carried none
         * @param detailNoToken what to tell a client that sent no token
         * @return a 401 with the {@code WWW-Authenticate} challenge that fits
         */
        static Refusal unauthorized(Object tokenProblem, String detailNoToken) {
            return tokenProblem == null
                    ? new Refusal(401, detailNoToken, Map.of("WWW-Authenticate", "Bearer"))
                    : new Refusal(401, DETAIL_REFUSED_TOKEN.formatted(tokenProblem),
                            Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
    }
}
