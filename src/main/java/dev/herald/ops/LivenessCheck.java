package dev.herald.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: UP whenever Herald can answer at all, draining or not. A draining instance must not be
 * restarted by its platform; it is about to exit on its own.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    /** The check's name in the health response. */
    public static final String NAME = "herald";

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up(NAME);
    }
}
