package dev.herald.channel;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The configurator of every Herald endpoint: the container's defaults, plus the hand-over of the socket release
 * handle from the handshake's thread to the session (see {@link SocketRelease}). Tyrus calls
 * {@link #modifyHandshake} on the thread that runs the servlet filters, and copies the handshake's user properties
 * into the new session.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        SocketRelease.takeHandshakeHandle(config.getUserProperties());
    }
}
