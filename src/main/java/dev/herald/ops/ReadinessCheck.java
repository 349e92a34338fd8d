package dev.herald.ops;

import dev.herald.registry.ConnectionRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: UP while Herald takes connections, DOWN from the moment it starts draining. Reports how many
 * connections this instance holds.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    /** The check's name in the health response. */
    public static final String NAME = "herald-connections";

    @Inject
    Drain drain;

    @Inject
    ConnectionRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(!drain.isDraining())
                .withData("draining", drain.isDraining())
                .withData("connections", registry.count())
                .build();
    }
}
