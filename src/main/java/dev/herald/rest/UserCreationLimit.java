package dev.herald.rest;

import dev.herald.config.SecurityConfiguration;
import dev.herald.config.SecuritySettings;
import dev.herald.rest.problem.Problem;
import dev.herald.security.KeyedRateLimiter;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Limits how often one client address may create users ({@code POST /api/users}, the one write anyone may make
 * without a token): a token bucket per address of {@code herald.security.user-creation.burst} requests, refilled at
 * {@code herald.security.user-creation.per-minute}. Every request matched to the resource counts, accepted or not
 * (one with another media type gets 415 first), and is judged before its body is read. A request over the rate gets
 * 429 with a problem body and {@code Retry-After} in whole seconds.
 *
 * <p>The address is the TCP peer's ({@code getRemoteAddr()}): behind a proxy it is the proxy's, shared by every
 * client, so raise the limit there or limit at the proxy (docs/security.md). Forwarded headers are not trusted, since
 * any client can write them. Thread-safe; one instance for the application.
 */
@Provider
@UserCreationLimit.Applied
@ApplicationScoped
@Priority(Priorities.USER)
public class UserCreationLimit implements ContainerRequestFilter {

    /** Marks the resource methods this limit applies to. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Applied {
    }

    static final String DETAIL_TOO_MANY = "Too many users created from your address: try again in %d s";

    private static final Logger LOGGER = Logger.getLogger(UserCreationLimit.class.getName());
    private static final double SECONDS_PER_MINUTE = 60;

    @Inject
    SecurityConfiguration configuration;

    @Inject
    HttpServletRequest servletRequest;

    private KeyedRateLimiter limiter;

    @PostConstruct
    void create() {
        SecuritySettings settings = configuration.security();
        limiter = new KeyedRateLimiter(settings.userCreationBurst(),
                settings.userCreationsPerMinute() / SECONDS_PER_MINUTE);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Duration> wait = limiter.tryAcquire(servletRequest.getRemoteAddr(), System.nanoTime());
        if (wait.isEmpty()) {
            return;
        }
        long seconds = Math.max(1, (wait.get().toNanos() + 999_999_999L) / 1_000_000_000L);
        LOGGER.log(Level.FINE, "Refused a user creation over its address's rate; retry in {0} s", seconds);
        Response problem = Problem.of(Response.Status.TOO_MANY_REQUESTS.getStatusCode(),
                DETAIL_TOO_MANY.formatted(seconds)).toResponse();
        request.abortWith(Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, seconds).build());
    }
}
