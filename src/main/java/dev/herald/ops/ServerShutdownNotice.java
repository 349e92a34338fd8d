package dev.herald.ops;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a task when the Payara server announces its shutdown, before it stops any of its services.
 *
 * <p>Why: on Payara Micro 7.2026.11 a SIGTERM stops the server's services in parallel, and the web application hears
 * of it only once its own stop has begun. Payara announces the shutdown first with its {@code prepare_shutdown}
 * event, sent on the stopping thread, which waits for each listener to return. A task run from there finishes while
 * the application and every connection are still fully up.
 *
 * <p>The event bus is Payara's internal API, so it is reached by reflection: Herald needs no Payara jar to build, and
 * on a server without that bus {@link #register} gives nothing, leaving the servlet container's own stop signal as
 * the only one. Thread-safe.
 */
final class ServerShutdownNotice {

    private static final Logger LOGGER = Logger.getLogger(ServerShutdownNotice.class.getName());
    private static final String EVENTS = "org.glassfish.api.event.Events";
    private static final String EVENT_LISTENER = "org.glassfish.api.event.EventListener";
    private static final String SERVICE_LOCATOR = "org.glassfish.hk2.api.ServiceLocator";
    private static final String GLOBALS = "org.glassfish.internal.api.Globals";
    private static final String PREPARE_SHUTDOWN = "prepare_shutdown";

    private final Object events;
    private final Object listener;
    private final Method unregister;

    private ServerShutdownNotice(Object events, Object listener, Method unregister) {
        this.events = events;
        this.listener = listener;
        this.unregister = unregister;
    }

    /**
     * Arranges for {@code task} to run, on Payara's stopping thread, when the server announces its shutdown. The
     * server waits for the task to return before it stops anything.
     *
     * @param task what to run; it should not throw
     * @return the registration, to {@link #unregister()} when the application stops first; empty when this server has
     *         no such announcement
     */
    static Optional<ServerShutdownNotice> register(Runnable task) {
        ClassLoader loader = ServerShutdownNotice.class.getClassLoader();
        try {
            Class<?> eventsType = Class.forName(EVENTS, false, loader);
            Class<?> listenerType = Class.forName(EVENT_LISTENER, false, loader);
            Class<?> locatorType = Class.forName(SERVICE_LOCATOR, false, loader);
            Object locator = Class.forName(GLOBALS, true, loader).getMethod("getDefaultHabitat").invoke(null);
            Object events = locatorType.getMethod("getService", Class.class, Annotation[].class)
                    .invoke(locator, eventsType, new Annotation[0]);
            if (events == null) {
                return Optional.empty();
            }
            Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {listenerType}, onPrepareShutdown(task));
            eventsType.getMethod("register", listenerType).invoke(events, listener);
            return Optional.of(new ServerShutdownNotice(events, listener,
                    eventsType.getMethod("unregister", listenerType)));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOGGER.log(Level.INFO, "No server shutdown announcement to listen to ({0}); draining when the application "
                    + "stops", e.toString());
            return Optional.empty();
        }
    }

    /** Stops listening: the task will not run. */
    void unregister() {
        try {
            unregister.invoke(events, listener);
        } catch (ReflectiveOperationException e) {
            LOGGER.log(Level.FINE, "Could not stop listening for the server's shutdown", e);
        }
    }

    // Payara's stopping thread carries the server's class loader; lookups made by the task expect the application's.
    private static void runWithApplicationLoader(Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ServerShutdownNotice.class.getClassLoader());
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static InvocationHandler onPrepareShutdown(Runnable task) {
        return (proxy, method, arguments) -> switch (method.getName()) {
            case "event" -> {
                Object event = arguments[0];
                if (PREPARE_SHUTDOWN.equals(event.getClass().getMethod("name").invoke(event))) {
                    runWithApplicationLoader(task);
                }
                yield null;
            }
            case "equals" -> proxy == arguments[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "Herald's drain on server shutdown";
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }
}
