package dev.herald.registry;

import dev.herald.event.Audience;
import dev.herald.event.Channel;
import dev.herald.event.Names;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is connected to this instance: every open connection, by id, by channel, by room, by user and by topic. "By
 * user" means {@code /user} connections, which an audience of users reaches; room members that came with a token
 * are indexed by their user apart from those, only to count the rooms each user is in.
 *
 * <p>Thread-safe. A connection registered (or subscribed) and ended at the same moment, on two threads, is never left
 * behind: either {@link #remove} sees it in an index, or the registering thread sees it ended and takes it out again.
 * Rooms, users and topics that nobody holds any more are forgotten at once.
 */
@ApplicationScoped
public class ConnectionRegistry {

    /** The most topics one connection may subscribe to. */
    public static final int MAX_TOPICS_PER_CONNECTION = 64;

    private final ConcurrentMap<String, Connection> connectionsById = new ConcurrentHashMap<>();
    private final ConnectionIndex<Channel> connectionsByChannel = new ConnectionIndex<>();
    private final ConnectionIndex<String> connectionsByRoom = new ConnectionIndex<>();
    private final ConnectionIndex<String> connectionsByUser = new ConnectionIndex<>();
    private final ConnectionIndex<String> roomMembersByUser = new ConnectionIndex<>();
    private final ConnectionIndex<String> connectionsByTopic = new ConnectionIndex<>();

    /**
     * Adds an open connection. Call it after the connection's first frame was queued, so that broadcasts never
     * overtake that frame.
     *
     * @param connection the connection
     */
    public void register(Connection connection) {
        connectionsById.put(connection.id(), connection);
        connectionsByChannel.add(connection.channel(), connection);
        connection.membership().roomId().ifPresent(room -> connectionsByRoom.add(room, connection));
        connection.membership().user().ifPresent(user -> usersIndexOf(connection).add(user, connection));

        if (!connection.isOpen()) {
            // It ended while we were adding it, and its removal may have run before we added it.
            remove(connection);
        }
    }

    /**
     * Adds an open connection with the topics it asked for when it connected, in one step: no broadcast to one of
     * those topics can find it registered but not yet subscribed.
     *
     * @param connection the connection
     * @param topics     valid topic names, at most {@value #MAX_TOPICS_PER_CONNECTION}
     * @throws IllegalArgumentException when a name is not valid or there are too many
     */
    public void register(Connection connection, Collection<String> topics) {
        Set<String> wanted = validTopics(topics);
        requireWithinLimit(wanted.size());
        connection.topicSet().addAll(wanted);
        wanted.forEach(topic -> connectionsByTopic.add(topic, connection));
        register(connection);
    }

    /**
     * Forgets a connection. Does nothing when it is not registered.
     *
     * @param connection the connection
     */
    public void remove(Connection connection) {
        connectionsById.remove(connection.id(), connection);
        connectionsByChannel.remove(connection.channel(), connection);
        connection.membership().roomId().ifPresent(room -> connectionsByRoom.remove(room, connection));
        connection.membership().user().ifPresent(user -> usersIndexOf(connection).remove(user, connection));
        for (String topic : connection.topicSet()) {
            connectionsByTopic.remove(topic, connection);
        }
    }

    /**
     * Subscribes a connection to more topics. Either all are added or, when a name is invalid or the connection would
     * hold more than {@value #MAX_TOPICS_PER_CONNECTION}, none is.
     *
     * @param connection the connection
     * @param topics     topic names; ones it already holds are ignored
     * @return all the connection's topics now, sorted
     * @throws IllegalArgumentException when a name breaks the {@link Names} rule or the limit would be passed; the
     *                                  message explains which
     */
    public SortedSet<String> subscribe(Connection connection, Collection<String> topics) {
        Set<String> wanted = validTopics(topics);
        // One change at a time per connection keeps the limit check and the change together.
        synchronized (connection.topicSet()) {
            Set<String> after = new HashSet<>(connection.topicSet());
            after.addAll(wanted);
            requireWithinLimit(after.size());

            // Connection's set first, index second: remove() reads the set after the connection has ended, so a
            // topic added here is either seen there or taken out below.
            connection.topicSet().addAll(wanted);
            wanted.forEach(topic -> connectionsByTopic.add(topic, connection));
        }
        if (!connection.isOpen()) {
            remove(connection);
        }
        return connection.topics();
    }

    /**
     * Unsubscribes a connection from topics.
     *
     * @param connection the connection
     * @param topics     topic names; ones it does not hold are ignored
     * @return all the connection's topics now, sorted
     * @throws IllegalArgumentException when a name breaks the {@link Names} rule; nothing changes then
     */
    public SortedSet<String> unsubscribe(Connection connection, Collection<String> topics) {
        Set<String> unwanted = validTopics(topics);
        synchronized (connection.topicSet()) {
            connection.topicSet().removeAll(unwanted);
            unwanted.forEach(topic -> connectionsByTopic.remove(topic, connection));
        }
        return connection.topics();
    }

    /**
     * @param connectionId a connection id
     * @return the open connection with that id, or empty when there is none on this instance
     */
    public Optional<Connection> findById(String connectionId) {
        return connectionId == null ? Optional.empty() : Optional.ofNullable(connectionsById.get(connectionId));
    }

    /**
     * @param audience who a broadcast is for
     * @return the connections in that audience on this instance, each once; empty when no one is listening. For a
     *         single key it is a live, read-only view, so it may include connections that end while it is being
     *         iterated: check {@link Connection#isOpen()} or rely on {@link Connection#send} refusing them.
     */
    public Collection<Connection> findByAudience(Audience audience) {
        return switch (audience) {
            case Audience.Everyone everyone -> connectionsByChannel.find(everyone.channel());
            case Audience.Room room -> connectionsByRoom.find(room.roomId());
            case Audience.Topic topic -> connectionsByTopic.find(topic.name());
            case Audience.Users users -> findByUsers(users.userIds());
        };
    }

    // A connection has one user, so the union of distinct users' sets holds each connection once.
    private Collection<Connection> findByUsers(Set<String> userIds) {
        if (userIds.size() == 1) {
            return connectionsByUser.find(userIds.iterator().next());
        }
        List<Connection> connections = new ArrayList<>();
        userIds.forEach(user -> connections.addAll(connectionsByUser.find(user)));
        return connections;
    }

    /**
     * @return a live, read-only view of every connection on this instance, for sweeps over all of them; safe to
     *         iterate while connections come and go
     */
    public Collection<Connection> all() {
        return Collections.unmodifiableCollection(connectionsById.values());
    }

    /** @return how many connections are open on this instance */
    public int count() {
        return connectionsById.size();
    }

    /** @return how many connections are open on this instance, per channel; every channel is present */
    public Map<Channel, Integer> countByChannel() {
        Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            counts.put(channel, connectionsByChannel.find(channel).size());
        }
        return Collections.unmodifiableMap(counts);
    }

    /** @return the rooms that have at least one member on this instance, sorted; a snapshot */
    public SortedSet<String> roomIds() {
        return new TreeSet<>(connectionsByRoom.keys());
    }

    /** @return the users that have at least one {@code /user} connection on this instance, sorted; a snapshot */
    public SortedSet<String> userIds() {
        return new TreeSet<>(connectionsByUser.keys());
    }

    /**
     * @param userId a user id
     * @return the distinct rooms the user is in on this instance, through room connections that came with the
     *         user's token; a snapshot, empty when there are none
     */
    public Set<String> roomsOf(String userId) {
        Set<String> rooms = new HashSet<>();
        roomMembersByUser.find(userId).forEach(member -> member.membership().roomId().ifPresent(rooms::add));
        return rooms;
    }

    /** @return the topics that have at least one subscriber on this instance, sorted; a snapshot */
    public SortedSet<String> topicNames() {
        return new TreeSet<>(connectionsByTopic.keys());
    }

    // A room member's user must not make it part of an audience of users: those reach /user connections only.
    private ConnectionIndex<String> usersIndexOf(Connection connection) {
        return connection.membership().roomId().isPresent() ? roomMembersByUser : connectionsByUser;
    }

    private static Set<String> validTopics(Collection<String> topics) {
        Set<String> valid = new HashSet<>();
        for (String topic : topics) {
            valid.add(Names.requireValid("topic name", topic));
        }
        return valid;
    }

    private static void requireWithinLimit(int size) {
        if (size > MAX_TOPICS_PER_CONNECTION) {
            throw new IllegalArgumentException("a connection may hold at most " + MAX_TOPICS_PER_CONNECTION
                    + " topics");
        }
    }
}
