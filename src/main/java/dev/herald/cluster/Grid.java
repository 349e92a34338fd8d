package dev.herald.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payara Micro's own Hazelcast data grid, as Herald sees it: present unless Payara was started with
 * {@code --nohazelcast}, and then alone or with other instances. Herald starts no grid of its own.
 */
@ApplicationScoped
public class Grid {

    private static final Logger LOGGER = Logger.getLogger(Grid.class.getName());

    @Inject
    Instance<HazelcastInstance> payaraGrid;

    private HazelcastInstance hazelcast;

    @PostConstruct
    void find() {
        try {
            if (payaraGrid.isResolvable()) {
                HazelcastInstance candidate = payaraGrid.get();
                if (candidate != null && candidate.getLifecycleService().isRunning()) {
                    hazelcast = candidate;
                }
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "Payara's data grid is not available", e);
        }
        if (hazelcast == null) {
            LOGGER.info("Herald runs as a single hub, without a data grid (Payara Micro started with --nohazelcast): "
                    + "broadcasts reach this instance's connections only");
        }
    }

    /** @return the grid, or empty when Payara runs without one */
    public Optional<HazelcastInstance> hazelcast() {
        return Optional.ofNullable(hazelcast);
    }

    /** @return how many instances form the cluster, this one included; 1 without a grid */
    public int members() {
        try {
            return hazelcast == null ? 1 : hazelcast.getCluster().getMembers().size();
        } catch (RuntimeException e) {
            // The grid is shutting down with the application.
            return 1;
        }
    }

    /** @return this instance's member id in the grid, or empty without a grid */
    public Optional<String> memberId() {
        try {
            return hazelcast().map(grid -> grid.getCluster().getLocalMember()).map(Member::getUuid).map(Object::toString);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
