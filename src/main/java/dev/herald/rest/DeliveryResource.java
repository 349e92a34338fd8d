package dev.herald.rest;

import dev.herald.broadcast.BroadcastDispatcher;
import dev.herald.delivery.Outbox;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;
import dev.herald.security.Roles;

import jakarta.annotation.security.RolesAllowed;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code GET /api/delivery}: what the delivery engine holds back on this instance, so that no message is lost without
 * being counted. For example
 * <pre>{@code
 * {"throttle":{"replaced":9,"dropped":0},
 *  "connections":[{"id":"...","channel":"notifications","waiting":3,"waitingBytes":12288,
 *                  "peakWaiting":250,"peakWaitingBytes":1048576,"dropped":750}]}
 * }</pre>
 * {@code dropped} per connection counts frames dropped under {@code drop_oldest}; {@code peak*} is the most that ever
 * waited at once. Needs the role {@code publisher}: connection ids are not for everyone.
 */
@Path("delivery")
@RolesAllowed(Roles.PUBLISHER)
public class DeliveryResource {

    // Json.createObjectBuilder() looks the JSON-P provider up (a ServiceLoader scan) on every call; the factory
    // looks it up once.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    ConnectionRegistry registry;

    @Inject
    BroadcastDispatcher dispatcher;

    /** @return the counters */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject counters() {
        JsonArrayBuilder connections = JSON.createArrayBuilder();
        for (Connection connection : registry.all()) {
            Outbox outbox = connection.outbox();
            connections.add(JSON.createObjectBuilder()
                    .add("id", connection.id())
                    .add("channel", connection.channel().wireName())
                    .add("waiting", outbox.waitingCount())
                    .add("waitingBytes", outbox.waitingBytes())
                    .add("peakWaiting", outbox.peakWaitingCount())
                    .add("peakWaitingBytes", outbox.peakWaitingBytes())
                    .add("dropped", outbox.droppedCount()));
        }
        return JSON.createObjectBuilder()
                .add("throttle", JSON.createObjectBuilder()
                        .add("replaced", dispatcher.throttleReplacedCount())
                        .add("dropped", dispatcher.throttleDroppedCount()))
                .add("connections", connections)
                .build();
    }
}
