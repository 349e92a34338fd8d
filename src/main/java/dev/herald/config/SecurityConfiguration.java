package dev.herald.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@link SecuritySettings} of this application, read once from MicroProfile Config (system properties,
 * environment variables such as {@code HERALD_SECURITY_MAX_INBOUND_BYTES}, {@code microprofile-config.properties}).
 * They are read and checked with every other setting by {@link HeraldConfiguration} when the application starts, so
 * a value Herald cannot use stops the start with a message naming it. Thread-safe.
 */
@ApplicationScoped
public class SecurityConfiguration {

    @Inject
    HeraldConfiguration configuration;

    /** @return the security settings; the same instance for the application's whole life */
    public SecuritySettings security() {
        return configuration.security();
    }
}
