package dev.herald.rest;

import dev.herald.registry.ConnectionRegistry;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/registry}: how many connections this instance holds, in all and per channel.
 * For example {@code {"connections":3,"channels":{"notifications":2,"chat":1,"rooms":0,"user":0,"feed":0}}}.
 */
@Path("registry")
@Tag(name = "registry", description = "Who is connected to this instance")
public class RegistryResource {

    @Inject
    ConnectionRegistry registry;

    /** @return the counts */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count the open connections on this instance, in all and per channel")
    @APIResponse(responseCode = "200",
            description = "For example {\"connections\":3,\"channels\":{\"notifications\":2,\"chat\":1,...}}")
    public JsonObject counts() {
        JsonObjectBuilder channels = Json.createObjectBuilder();
        registry.countByChannel().forEach((channel, count) -> channels.add(channel.wireName(), count));
        return Json.createObjectBuilder()
                .add("connections", registry.count())
                .add("channels", channels)
                .build();
    }
}
