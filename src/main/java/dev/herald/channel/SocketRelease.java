package dev.herald.channel;

import dev.herald.config.SecurityConfiguration;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.websocket.Session;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives a connection's socket and file descriptor back to the operating system after Herald has closed it, even when
 * the client never reads again.
 *
 * <p>Workaround for Payara Micro 7.2026.11 (Tyrus 2.2 on Grizzly): {@code Session.close} sends the close frame and
 * ends the session, but when the client has stopped reading, the close frame sits behind megabytes of unsent data
 * and the TCP connection stays ESTABLISHED, with its descriptor, until the client goes away (seen: minutes). No
 * Tyrus or Payara setting bounds that. So, during the handshake, {@link SocketHandleFilter} resolves the Grizzly
 * connection under the servlet request reflectively and keeps its {@code terminateSilently()} as a handle;
 * {@link HandshakeConfigurator} moves the handle into the session's user properties; and after Herald closes the
 * session, this class runs the handle once the grace period ({@code herald.security.socket-release-grace-ms}) has
 * passed, on the container's managed scheduler. A client that reads completes the close well within the grace
 * period, and terminating an already closed Grizzly connection does nothing.
 *
 * <p>When the container's classes change and the reflection fails, Herald logs that once at WARNING and carries on
 * with the plain close: correct, only slower to give descriptors back. Thread-safe.
 */
@ApplicationScoped
public class SocketRelease {

    /** The user property under which a session's release handle ({@link Runnable}) is kept. */
    static final String HANDLE_PROPERTY = SocketRelease.class.getName();

    private static final Logger LOGGER = Logger.getLogger(SocketRelease.class.getName());
    private static final ThreadLocal<Runnable> HANDSHAKE_HANDLE = new ThreadLocal<>();
    private static volatile boolean reflectionFailed;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    SecurityConfiguration configuration;

    /**
     * Schedules the forced release of the socket under a session that Herald has just closed. Does nothing when the
     * session has no handle (the reflection failed, or it was not opened through a Herald endpoint).
     *
     * @param session the closed session
     */
    public void releaseLater(Session session) {
        if (!(session.getUserProperties().get(HANDLE_PROPERTY) instanceof Runnable handle)) {
            return;
        }
        if (scheduler == null) {
            // Created on a thread without the application's naming context: a server shutting down, which closes
            // every socket itself.
            LOGGER.log(Level.FINE, "No scheduler to release the socket of session {0}", session.getId());
            return;
        }
        long graceMillis = configuration.security().socketReleaseGrace().toMillis();
        try {
            scheduler.schedule(() -> run(handle, session.getId()), graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The application is stopping: the container closes every socket itself.
            LOGGER.log(Level.FINE, "Could not schedule the socket release of session " + session.getId(), e);
        }
    }

    private static void run(Runnable handle, String sessionId) {
        try {
            handle.run();
            LOGGER.log(Level.FINE, "Released the socket of session {0}", sessionId);
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "Releasing the socket of session " + sessionId + " failed", e);
        }
    }

    /**
     * Called by {@link SocketHandleFilter} around a handshake: makes the request's release handle available to
     * {@link #takeHandshakeHandle()} on the same thread.
     *
     * @param request the handshake request
     */
    static void beginHandshake(ServletRequest request) {
        resolve(request).ifPresent(HANDSHAKE_HANDLE::set);
    }

    /** Called by {@link SocketHandleFilter} when the handshake is done, whatever its outcome. */
    static void endHandshake() {
        HANDSHAKE_HANDLE.remove();
    }

    /**
     * Called by {@link HandshakeConfigurator} on the handshake's thread.
     *
     * @param userProperties the handshake's user properties, which Tyrus copies into the session
     */
    static void takeHandshakeHandle(Map<String, Object> userProperties) {
        Runnable handle = HANDSHAKE_HANDLE.get();
        if (handle != null) {
            userProperties.put(HANDLE_PROPERTY, handle);
        }
    }

    // request (unwrapped) .getUnwrappedCoyoteRequest() .getCoyoteRequest() .getConnection() -> grizzly Connection
    private static Optional<Runnable> resolve(ServletRequest request) {
        if (reflectionFailed) {
            return Optional.empty();
        }
        try {
            ServletRequest base = request;
            while (base instanceof ServletRequestWrapper wrapper) {
                base = wrapper.getRequest();
            }
            Object catalinaRequest = call(base, "getUnwrappedCoyoteRequest");
            Object grizzlyRequest = call(catalinaRequest, "getCoyoteRequest");
            Object connection = call(grizzlyRequest, "getConnection");
            Method terminate = accessible(connection.getClass().getMethod("terminateSilently"));
            return Optional.of(() -> invoke(terminate, connection));
        } catch (ReflectiveOperationException | RuntimeException e) {
            reflectionFailed = true;
            LOGGER.log(Level.WARNING, "Cannot reach the container's connections (" + e + "): closed WebSocket connections"
                    + " whose clients stop reading will hold their sockets until the clients go away", e);
            return Optional.empty();
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Object result = accessible(target.getClass().getMethod(method)).invoke(target);
        if (result == null) {
            throw new NoSuchMethodException(target.getClass().getName() + "." + method + "() returned null");
        }
        return result;
    }

    private static Method accessible(Method method) {
        // Some of these classes are not public; their public methods still need this to be invoked reflectively.
        method.trySetAccessible();
        return method;
    }

    private static void invoke(Method method, Object target) {
        try {
            method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("terminateSilently failed", e);
        }
    }
}
