package dev.herald.ops;

import dev.herald.cluster.ClusterRelay;
import dev.herald.cluster.Grid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Part of {@code /health/ready}, always UP: how many instances this one sees in the cluster, and how many frames it
 * has relayed to and from them. An instance alone in its cluster still serves its own clients, so the count informs
 * and never fails the check.
 */
@Readiness
@ApplicationScoped
public class ClusterCheck implements HealthCheck {

    /** The check's name in the health response. */
    public static final String NAME = "herald-cluster";

    @Inject
    Grid grid;

    @Inject
    ClusterRelay relay;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).up()
                .withData("grid", grid.hazelcast().isPresent())
                .withData("members", grid.members())
                .withData("framesSent", relay.publishedCount())
                .withData("framesReceived", relay.receivedCount())
                .withData("framesFailed", relay.failedCount())
                .build();
    }
}
