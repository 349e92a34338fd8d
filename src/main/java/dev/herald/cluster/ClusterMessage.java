package dev.herald.cluster;

import dev.herald.event.Audience;
import dev.herald.event.Channel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One frame on its way from the instance where its event was dispatched to the other instances of the cluster.
 *
 * <p>On the grid it travels as a {@code String[]}, a type Hazelcast serializes by itself: no class of Herald's has
 * to be known to the grid's own threads, and an instance of another Herald version can at least refuse a message
 * it does not understand. The layout is {@code [version, kind, excluded, text, names...]}, where {@code kind} is
 * {@code channel}, {@code room}, {@code users} or {@code topic}, {@code names} are the channel, the room id, the user
 * ids or the topic name, and {@code excluded} is empty when no connection is excluded.
 *
 * @param audience the recipients
 * @param text     the frame's text, already encoded
 * @param excluded the id of the one connection that must not receive it, or {@code null}
 */
public record ClusterMessage(Audience audience, String text, String excluded) {

    private static final String VERSION = "1";
    private static final int NAMES = 4;

    /** @throws NullPointerException when the audience or the text is missing */
    public ClusterMessage {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(text, "text");
    }

    /** @return the message in its wire layout */
    public String[] toWire() {
        List<String> names = switch (audience) {
            case Audience.Everyone everyone -> List.of(everyone.channel().name());
            case Audience.Room room -> List.of(room.roomId());
            case Audience.Users users -> List.copyOf(users.userIds());
            case Audience.Topic topic -> List.of(topic.name());
        };
        String[] wire = new String[NAMES + names.size()];
        wire[0] = VERSION;
        wire[1] = kind(audience);
        wire[2] = excluded == null ? "" : excluded;
        wire[3] = text;
        for (int i = 0; i < names.size(); i++) {
            wire[NAMES + i] = names.get(i);
        }
        return wire;
    }

    /**
     * @param wire a message in its wire layout
     * @return the message
     * @throws IllegalArgumentException when it is not a message this version understands
     */
    public static ClusterMessage fromWire(String[] wire) {
        if (wire == null || wire.length <= NAMES || !VERSION.equals(wire[0]) || wire[3] == null) {
            throw new IllegalArgumentException("not a Herald cluster message of version " + VERSION + ": "
                    + (wire == null ? "null" : Arrays.toString(Arrays.copyOf(wire, Math.min(wire.length, 3)))));
        }
        List<String> names = Arrays.asList(wire).subList(NAMES, wire.length);
        Audience audience = switch (wire[1]) {
            case "channel" -> Audience.channel(Channel.valueOf(single(names)));
            case "room" -> Audience.room(single(names));
            case "users" -> Audience.users(names);
            case "topic" -> Audience.topic(single(names));
            case null, default -> throw new IllegalArgumentException("unknown audience kind " + wire[1]);
        };
        return new ClusterMessage(audience, wire[3], wire[2] == null || wire[2].isEmpty() ? null : wire[2]);
    }

    private static String kind(Audience audience) {
        return switch (audience) {
            case Audience.Everyone everyone -> "channel";
            case Audience.Room room -> "room";
            case Audience.Users users -> "users";
            case Audience.Topic topic -> "topic";
        };
    }

    private static String single(List<String> names) {
        if (names.size() != 1) {
            throw new IllegalArgumentException("expected one name, got " + names.size());
        }
        return names.getFirst();
    }
}
