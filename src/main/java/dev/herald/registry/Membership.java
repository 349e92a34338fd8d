package dev.herald.registry;

import dev.herald.event.Audience;
import dev.herald.event.Names;

import java.util.Optional;

/**
 * What a connection belongs to besides its channel, fixed when it opens: the room of a {@code /rooms/{roomId}}
 * connection, and the user of a {@code /user} connection or of a room member that came with a token. Topics are not
 * part of it: they change while the connection is open, through the {@link ConnectionRegistry}.
 *
 * @param room   the room id, or {@code null}
 * @param userId the authenticated user id, or {@code null}
 */
public record Membership(String room, String userId) {

    /** Belongs to nothing but its channel. */
    public static final Membership NONE = new Membership(null, null);

    /** @throws IllegalArgumentException when a room id or user id is given but not valid */
    public Membership {
        if (room != null) {
            Names.requireValid("room id", room);
        }
        if (userId != null) {
            Audience.requireUserId(userId);
        }
    }

    /**
     * @param roomId a valid room id
     * @return membership of that room
     */
    public static Membership room(String roomId) {
        return new Membership(roomId, null);
    }

    /**
     * @param roomId a valid room id
     * @param userId the authenticated user who joins it, or {@code null} for an anonymous member
     * @return membership of that room, as that user
     */
    public static Membership room(String roomId, String userId) {
        return new Membership(roomId, userId);
    }

    /**
     * @param userId an authenticated user id; never {@code null}: the registry holds no anonymous user
     * @return membership of that user
     */
    public static Membership user(String userId) {
        return new Membership(null, Audience.requireUserId(userId));
    }

    /** @return the room id, if the connection is in a room */
    public Optional<String> roomId() {
        return Optional.ofNullable(room);
    }

    /** @return the user id, if the connection is authenticated */
    public Optional<String> user() {
        return Optional.ofNullable(userId);
    }
}
