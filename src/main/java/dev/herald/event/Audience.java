package dev.herald.event;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Who receives a {@link BroadcastEvent}. An audience is a value: two audiences that name the same connections are
 * equal, which lets delivery options (throttling, batching) key on them.
 */
public sealed interface Audience {

    /** The longest user id Herald accepts; longer ids cannot come from a token Herald accepts either. */
    int MAX_USER_ID_LENGTH = 255;

    /**
     * Every connection on a channel.
     *
     * @param channel the channel; never {@code null}
     * @return the audience of that whole channel
     */
    static Audience channel(Channel channel) {
        return new Everyone(channel);
    }

    /**
     * Every member of one room on {@code /rooms/{roomId}}.
     *
     * @param roomId the room id; it must follow {@link Names}
     * @return the room's audience
     * @throws IllegalArgumentException when the room id breaks the rule
     */
    static Audience room(String roomId) {
        return new Room(roomId);
    }

    /** @return every connection in every room: the same audience as {@code channel(Channel.ROOMS)} */
    static Audience allRooms() {
        return channel(Channel.ROOMS);
    }

    /**
     * Every {@code /user} connection of one user (all their tabs and devices).
     *
     * @param userId the user id, the {@code sub} of their token; not blank
     * @return the user's audience
     */
    static Audience user(String userId) {
        return new Users(Set.of(userId));
    }

    /**
     * Every {@code /user} connection of several users.
     *
     * @param userIds the user ids; not empty, none blank; duplicates count once
     * @return their audience
     */
    static Audience users(Collection<String> userIds) {
        return new Users(Set.copyOf(userIds));
    }

    /**
     * Every {@code /feed} connection subscribed to a topic when the event is dispatched.
     *
     * @param name the topic name; it must follow {@link Names}
     * @return the topic's audience
     */
    static Audience topic(String name) {
        return new Topic(name);
    }

    /** Every connection on one channel, whatever its room, user or topics. */
    record Everyone(Channel channel) implements Audience {

        /** @throws NullPointerException when {@code channel} is null */
        public Everyone {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /** The members of one room. */
    record Room(String roomId) implements Audience {

        /** @throws IllegalArgumentException when the room id breaks the {@link Names} rule */
        public Room {
            Names.requireValid("room id", roomId);
        }
    }

    /** The connections of a set of users. */
    record Users(Set<String> userIds) implements Audience {

        /** @throws IllegalArgumentException when the set is empty or holds a blank or overlong id */
        public Users {
            userIds = Set.copyOf(userIds);
            if (userIds.isEmpty()) {
                throw new IllegalArgumentException("name at least one user id");
            }
            for (String userId : userIds) {
                requireUserId(userId);
            }
        }
    }

    /** The subscribers of one topic. */
    record Topic(String name) implements Audience {

        /** @throws IllegalArgumentException when the name breaks the {@link Names} rule */
        public Topic {
            Names.requireValid("topic name", name);
        }
    }

    /**
     * @param userId a user id
     * @return the user id, when it is one Herald accepts: not blank, at most {@value #MAX_USER_ID_LENGTH} characters
     * @throws IllegalArgumentException otherwise
     */
    static String requireUserId(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
            throw new IllegalArgumentException("a user id must be 1 to " + MAX_USER_ID_LENGTH
                    + " characters and not blank");
        }
        return userId;
    }
}
