package dev.herald.ops;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Drains Herald when its web application is stopped. On Payara Micro 7 a SIGTERM undeploys the application, and this
 * listener runs while WebSocket sessions can still be written to, before CDI's application scope ends.
 */
@WebListener
public class ShutdownListener implements ServletContextListener {

    @Inject
    Drain drain;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        drain.drain("web application stopping");
    }
}
