package dev.herald.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every Herald setting, read from MicroProfile Config and checked once, when the application starts. A value that
 * cannot be used stops the deployment with an {@link InvalidSettingException} whose message names the setting and
 * its accepted range; nothing half-configured ever serves a client.
 *
 * <p>Any config source works: system properties ({@code -Dherald.shutdown.drain-timeout-ms=5000}), environment
 * variables ({@code HERALD_SHUTDOWN_DRAIN_TIMEOUT_MS=5000}), or {@code META-INF/microprofile-config.properties}.
 * Every setting is listed in {@code docs/configuration.md}.
 */
@ApplicationScoped
public class HeraldConfiguration {

    /** The process's exit status after an invalid setting: 78, {@code EX_CONFIG} in {@code sysexits.h}. */
    public static final int EXIT_INVALID_SETTINGS = 78;

    private static final Logger LOGGER = Logger.getLogger(HeraldConfiguration.class.getName());

    private OperationsSettings operations;
    private DeliverySettings delivery;
    private SecuritySettings security;

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        SettingsSource source = new SettingsSource(name -> config.getOptionalValue(name, String.class));
        try {
            operations = OperationsSettings.read(source);
            delivery = DeliverySettings.read(source);
            security = SecuritySettings.read(name -> config.getOptionalValue(name, String.class));
        } catch (InvalidSettingException e) {
            LOGGER.log(Level.SEVERE, "Herald cannot start: {0}", e.getMessage());
            exitSoon();
            throw e;
        }
    }

    // Payara Micro 7.2026.11 logs a failed deployment and keeps running without it, which an orchestrator would take
    // for a healthy but empty server. A hub that cannot start must exit. The exit runs on its own thread because the
    // thread deploying us is the one the shutdown hooks wait for.
    private static void exitSoon() {
        Thread exit = new Thread(() -> System.exit(EXIT_INVALID_SETTINGS), "herald-invalid-settings-exit");
        exit.setDaemon(true);
        exit.start();
    }

    // Reads the settings while the application starts, so a bad value fails the deployment and not a first request.
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        operations();
    }

    /** @return the operations settings; the same instance for the application's whole life */
    public OperationsSettings operations() {
        return operations;
    }

    /** @return the delivery engine's settings; the same instance for the application's whole life */
    public DeliverySettings delivery() {
        return delivery;
    }

    /** @return the security settings (origins, inbound limits, caps); the same instance for the application's life */
    public SecuritySettings security() {
        return security;
    }
}
