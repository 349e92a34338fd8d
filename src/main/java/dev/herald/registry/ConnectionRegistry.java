package dev.herald.registry;

import dev.herald.event.Audience;
import dev.herald.event.Channel;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is connected to this instance: every open connection, by id and by channel, and the audiences they belong to.
 *
 * <p>Thread-safe. A connection registered and ended at the same moment, on two threads, is never left behind: either
 * {@link #remove} sees it registered, or {@link #register} sees it ended and takes it out again.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final ConcurrentMap<String, Connection> connectionsById = new ConcurrentHashMap<>();
    private final ConnectionIndex<Channel> connectionsByChannel = new ConnectionIndex<>();

    /**
     * Adds an open connection. Call it after the connection's first frame was queued, so that broadcasts never
     * overtake that frame.
     *
     * @param connection the connection
     */
    public void register(Connection connection) {
        connectionsById.put(connection.id(), connection);
        connectionsByChannel.add(connection.channel(), connection);

        if (!connection.isOpen()) {
            // It ended while we were adding it, and its removal may have run before we added it.
            remove(connection);
        }
    }

    /**
     * Forgets a connection. Does nothing when it is not registered.
     *
     * @param connection the connection
     */
    public void remove(Connection connection) {
        connectionsById.remove(connection.id(), connection);
        connectionsByChannel.remove(connection.channel(), connection);
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
     * @return a live, read-only view of the connections in that audience on this instance; empty when no one is
     *         listening. It may include connections that end while it is being iterated: check
     *         {@link Connection#isOpen()} or rely on {@link Connection#send} refusing them.
     */
    public Collection<Connection> findByAudience(Audience audience) {
        return switch (audience) {
            case Audience.Everyone everyone -> connectionsByChannel.find(everyone.channel());
        };
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
}
