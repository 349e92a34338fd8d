package dev.herald.channel;

import dev.herald.config.SecurityConfiguration;
import dev.herald.event.Names;
import dev.herald.security.BearerTokenMechanism;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * Refuses a {@code /rooms/{roomId}} handshake whose room id breaks the {@link Names} rule with 400, and one that came
 * with a token the container refused with 401: a client that meant to join as someone must not join anonymously
 * instead. With {@code herald.security.rooms.require-token}, a handshake without a token is refused with 401 too.
 */
@WebFilter(urlPatterns = RoomEndpoint.PATH_PREFIX + "*", asyncSupported = true)
public class RoomHandshakeFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;

    static final String DETAIL_BAD_ROOM = "The room id in /rooms/{roomId} must be " + Names.RULE;
    static final String DETAIL_NO_TOKEN = "Joining a room needs a token here: offer the subprotocols \"bearer\" and"
            + " the token, or add ?access_token=<token>";

    @Inject
    SecurityConfiguration configuration;

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        // Still percent-encoded: "%41" is refused even though it decodes to "A". Valid ids never need encoding.
        // "/rooms" alone also reaches this filter: it names no room.
        String path = pathOf(request);
        String roomId = path.length() > RoomEndpoint.PATH_PREFIX.length()
                ? path.substring(RoomEndpoint.PATH_PREFIX.length()) : "";
        if (!Names.isValid(roomId)) {
            return Optional.of(Refusal.badRequest(DETAIL_BAD_ROOM));
        }

        Object tokenProblem = request.getAttribute(BearerTokenMechanism.ATTRIBUTE_TOKEN_PROBLEM);
        boolean anonymous = request.getUserPrincipal() == null;
        if (tokenProblem != null || (anonymous && configuration.security().roomsRequireToken())) {
            return Optional.of(Refusal.unauthorized(tokenProblem, DETAIL_NO_TOKEN));
        }
        return Optional.empty();
    }
}
