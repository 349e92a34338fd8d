package dev.herald.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The WebSocket channels Herald serves. Each channel has a wire name, used in frames and in the REST publish API,
 * and a path under the application's context root.
 */
public enum Channel {

    /** Receive-only broadcasts to everyone connected at {@code /notifications}. */
    NOTIFICATIONS("notifications"),

    /** Everyone at {@code /chat}; a client's frames are relayed to all other chat connections. */
    CHAT("chat"),

    /** Members of one room at {@code /rooms/{roomId}}. */
    ROOMS("rooms"),

    /** Authenticated connections at {@code /user}, addressed by user id. */
    USER("user"),

    /** Topic subscribers at {@code /feed?topics=a,b}. */
    FEED("feed");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name used in frames and in the REST API, for example {@code "notifications"} */
    public String wireName() {
        return wireName;
    }

    /**
     * Finds a channel by its wire name.
     *
     * @param wireName a name such as {@code "chat"}; {@code null} finds nothing
     * @return the channel, or empty when no channel has that name
     */
    public static Optional<Channel> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(channel -> channel.wireName.equals(wireName)).findFirst();
    }
}
