package dev.herald.ops;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.Optional;

/**
 * Drains Herald when the server or its web application stops.
 *
 * <p>On Payara Micro 7.2026.11 a SIGTERM stops the server's services in parallel: measured with 5 clients, the HTTP
 * listener closed every socket before {@code contextDestroyed} in most runs, so the drain starts earlier, from the
 * server's shutdown announcement ({@link ServerShutdownNotice}), which Payara waits on before stopping anything. An
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
