package dev.herald.rest;

import dev.herald.registry.ConnectionRegistry;
import dev.herald.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * {@code GET /api/registry}: how many connections this instance holds, in all and per channel, and how many rooms,
 * users and topics have at least one connection. For example
 * {@code {"connections":3,"channels":{"notifications":2,"chat":1,"rooms":0,"user":0,"feed":0},"rooms":0,"users":0,"topics":0}}.
 * The counts are public; the names themselves ({@code GET /api/registry/keys}) are for publishers only, since user ids
 * are personal data.
 */
@Path("registry")
@Tag(name = "registry", description = "Who is connected to this instance")
public class RegistryResource {

    // Json.createObjectBuilder() looks the JSON-P provider up (a ServiceLoader scan) on every call; the factory
    // looks it up once.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    ConnectionRegistry registry;

    /** @return the counts */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count the open connections on this instance, in all and per channel")
    @APIResponse(responseCode = "200",
            description = "For example {\"connections\":3,\"channels\":{\"notifications\":2,\"chat\":1,...}}")
    public JsonObject counts() {
        JsonObjectBuilder channels = JSON.createObjectBuilder();
        registry.countByChannel().forEach((channel, count) -> channels.add(channel.wireName(), count));
        return JSON.createObjectBuilder()
                .add("connections", registry.count())
                .add("channels", channels)
                .add("rooms", registry.roomIds().size())
                .add("users", registry.userIds().size())
                .add("topics", registry.topicNames().size())
                .build();
    }

    /**
     * @return {@code {"rooms":[...],"users":[...],"topics":[...]}}: the rooms, users and topics that have at least
     *         one connection on this instance, each sorted
     */
    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(summary = "List the rooms, users and topics with a connection on this instance (role publisher)")
    @SecurityRequirement(name = HeraldApplication.BEARER)
    @APIResponse(responseCode = "200", description = "{\"rooms\":[...],\"users\":[...],\"topics\":[...]}, each sorted")
    @APIResponse(responseCode = "401", ref = HeraldApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = HeraldApplication.FORBIDDEN)
    public JsonObject keys() {
        return JSON.createObjectBuilder()
                .add("rooms", array(registry.roomIds()))
                .add("users", array(registry.userIds()))
                .add("topics", array(registry.topicNames()))
                .build();
    }

    private static JsonArrayBuilder array(Iterable<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
