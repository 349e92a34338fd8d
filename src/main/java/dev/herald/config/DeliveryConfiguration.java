package dev.herald.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Holds the {@link DeliverySettings} read from MicroProfile Config when the application starts. Any config source
 * works: system properties ({@code -Dherald.delivery.send-timeout-ms=5000}), environment variables
 * ({@code HERALD_DELIVERY_SEND_TIMEOUT_MS=5000}), or a {@code META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class DeliveryConfiguration {

    private DeliverySettings settings;

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        settings = DeliverySettings.read(name -> config.getOptionalValue(name, String.class));
    }

    /** @return the settings; the same instance for the application's whole life */
    public DeliverySettings settings() {
        return settings;
    }
}
