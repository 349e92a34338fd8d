package dev.herald.channel;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The configurator of every Herald endpoint: the container's defaults, plus the hand-over of the socket release
 * handle from the handshake's thread to the session (see {@link SocketRelease}). Tyrus calls
 * {@link #modifyHandshake} on the thread that runs the servlet filters, and copies the handshake's user properties
 * into the new session.
 *
 * <p>Every connection of an endpoint class shares one instance of it ({@link #getEndpointInstance}). Herald's
 * endpoints keep no state of their own: everything about a connection lives in its session and its
 * {@link dev.herald.registry.Connection}, and their injected collaborators are application-scoped, so one instance
 * can serve any number of sessions at once.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    // Without this, Tyrus 2.2.2 in Payara Micro 7.2026.11 has Weld build a new injection target (annotated type,
    // injection points, creational context) for every connection and keeps it until the connection closes: about
    // 1 KiB of heap per idle connection, and CPU on every handshake. Built once per class instead, on first use.
    private static final ClassValue<Object> SHARED = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> endpointClass) {
            return new Unmanaged<>(endpointClass).newInstance().produce().inject().postConstruct().get();
        }
    };

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        SocketRelease.takeHandshakeHandle(config.getUserProperties());
    }

    /**
     * @param endpointClass one of Herald's endpoint classes
     * @return the one instance of that class that every connection to it shares, injected once
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(SHARED.get(endpointClass));
    }
}
