package dev.herald.ops;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.Optional;

/**
 * Drains Herald when the server or its web application stops.
 *
 * <p>On SIGTERM the drain starts from the server's shutdown announcement ({@link ServerShutdownNotice}), which Payara
 * Micro 7.2026.11 waits on before stopping anything. By {@code contextDestroyed} Payara is already stopping the
 * application: measured with 5 clients, handshakes during a drain started there got Payara's own bare 503 instead of
 * {@link HandshakeGate}'s, and the drain ran after Payara had begun taking services down in parallel. An
 * undeploy alone, or a server without that announcement, drains from {@code contextDestroyed}; CDI's
 * {@code @BeforeDestroyed(ApplicationScoped.class)} comes after both and finds the work done. Payara closes its log
 * handlers early in a shutdown, so the drain's log lines do not reach the console on SIGTERM.
 */
@WebListener
public class ShutdownListener implements ServletContextListener {

    @Inject
    Drain drain;

    private Optional<ServerShutdownNotice> serverShutdown = Optional.empty();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        serverShutdown = ServerShutdownNotice.register(() -> drain.drain("server shutting down"));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        serverShutdown.ifPresent(ServerShutdownNotice::unregister);
        drain.drain("web application stopping");
    }
}
