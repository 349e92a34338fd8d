package dev.herald.channel;

import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Refuses a {@code /feed} handshake whose {@code topics} query parameter is not a valid topic list with 400. */
@WebFilter(urlPatterns = FeedEndpoint.PATH, asyncSupported = true)
public class FeedHandshakeFilter extends HandshakeFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected Optional<Refusal> check(HttpServletRequest request) {
        String[] values = request.getParameterValues(TopicList.QUERY_PARAMETER);
        List<String> given = values == null ? List.of() : Arrays.asList(values);
        try {
            TopicList.parse(given);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(Refusal.badRequest("topics: " + e.getMessage()));
        }
    }
}
