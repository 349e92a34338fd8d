package dev.herald.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@link SecuritySettings} of this application, read once from MicroProfile Config (system properties,
 * environment variables such as {@code HERALD_SECURITY_MAX_INBOUND_BYTES}, {@code microprofile-config.properties}).
 * A value Herald cannot use fails the start with an {@link InvalidSettingException} naming it. Thread-safe.
 */
@ApplicationScoped
public class SecurityConfiguration {

    private SecuritySettings settings;

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        settings = SecuritySettings.read(name -> config.getOptionalValue(name, String.class));
    }

    /** @return the security settings; the same instance for the application's whole life */
    public SecuritySettings security() {
        return settings;
    }
}
