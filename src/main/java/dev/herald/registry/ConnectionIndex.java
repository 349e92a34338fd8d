package dev.herald.registry;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Connections grouped by a key (a channel, a room, a user, a topic). A key with no connections left is forgotten at
 * once, so keys that come and go hold no memory.
 *
 * <p>Thread-safe: adding and removing are atomic per key, so a connection added while the last one leaves is never
 * lost with a dropped set.
 *
 * @param <K> the key type
 */
final class ConnectionIndex<K> {

    private final ConcurrentMap<K, Set<Connection>> connectionsByKey = new ConcurrentHashMap<>();

    void add(K key, Connection connection) {
        connectionsByKey.compute(key, (k, connections) -> {
            Set<Connection> set = connections != null ? connections : ConcurrentHashMap.newKeySet();
            set.add(connection);
            return set;
        });
    }

    void remove(K key, Connection connection) {
        connectionsByKey.computeIfPresent(key, (k, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    /** A live, read-only view; iterating it is safe while connections come and go. Empty when nobody has the key. */
    Set<Connection> find(K key) {
        Set<Connection> connections = connectionsByKey.get(key);
        return connections == null ? Set.of() : Collections.unmodifiableSet(connections);
    }

    Set<K> keys() {
        return Collections.unmodifiableSet(connectionsByKey.keySet());
    }
}
