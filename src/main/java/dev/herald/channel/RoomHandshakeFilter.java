package dev.herald.channel;

import dev.herald.event.Names;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/** Refuses a {@code /rooms/{roomId}} handshake whose room id breaks the {@link Names} rule with 400. */
@WebFilter(urlPatterns = RoomEndpoint.PATH_PREFIX + "*", asyncSupported = true)
public class RoomHandshakeFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;

    static final String DETAIL_BAD_ROOM = "The room id in /rooms/{roomId} must be " + Names.RULE;

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        // Still percent-encoded: "%41" is refused even though it decodes to "A". Valid ids never need encoding.
        // "/rooms" alone also reaches this filter: it names no room.
        String path = pathOf(request);
        String roomId = path.length() > RoomEndpoint.PATH_PREFIX.length()
                ? path.substring(RoomEndpoint.PATH_PREFIX.length()) : "";
        return Names.isValid(roomId) ? Optional.empty() : Optional.of(Refusal.badRequest(DETAIL_BAD_ROOM));
    }
}
