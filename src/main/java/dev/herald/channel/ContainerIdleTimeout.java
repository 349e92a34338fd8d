package dev.herald.channel;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Switches the WebSocket container's own idle timeout off for every session of this application, before the first
 * connection. Herald does not need it: its heartbeat ({@link dev.herald.job.DeliveryJobs}) pings every connection and
 * closes those that stop answering.
 *
 * <p>Workaround for Tyrus 2.2.2 in Payara Micro 7.2026.11. With the default of 0 ("never time out"), Tyrus still
 * cancels and re-schedules a do-nothing idle task on the container's managed scheduled executor when it creates a
 * session and for every frame sent or received, and Payara captures the caller's context for each such task with a
 * {@code ServiceLoader} scan of the class path: about 60 % of Herald's CPU in the fan-out benchmark
 * (bench/results/herald-s1-profile.md), and the last of those tasks stays referenced by its session. A negative
 * timeout also means "never" ({@link jakarta.websocket.Session#setMaxIdleTimeout}), and with it Tyrus schedules
 * nothing.
 */
@WebListener
public class ContainerIdleTimeout implements ServletContextListener {

    /** The default idle timeout of new sessions: negative, so the container never closes a session as idle. */
    public static final long NEVER = -1;

    private static final Logger LOGGER = Logger.getLogger(ContainerIdleTimeout.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container instanceof ServerContainer websockets) {
            websockets.setDefaultMaxSessionIdleTimeout(NEVER);
        } else {
            // Sessions still never time out (the default is 0); each frame only costs the idle task described above.
            LOGGER.log(Level.WARNING, "ContainerIdleTimeout: no WebSocket ServerContainer in the servlet context; "
                    + "the container's per-frame idle task stays on");
        }
    }
}
