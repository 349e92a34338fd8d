package dev.herald.bench.naive;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Set;

/** The same trigger as Herald's ({@code POST /api/broadcasts}) and a connection count for readiness checks. */
@Path("")
public class BroadcastsResource {

    private static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");

    /**
     * Sends the payload to the channel before answering, as the tutorials do.
     *
     * @param body {@code {"channel":..,"payload":..,"except":..}}
     * @return 202 with {@code {"recipients":n}}, or 400
     */
    @POST
    @Path("broadcasts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(JsonObject body) {
        String channel = body.getString("channel", "");
        JsonValue payload = body.get("payload");
        if (!Sessions.CHANNELS.containsKey(channel)) {
            return badRequest("channel: must be one of \"notifications\", \"chat\"");
        }
        if (payload == null || payload == JsonValue.NULL) {
            return badRequest("payload: give the JSON value to broadcast");
        }
        String except = body.get("except") instanceof JsonString id ? id.getString() : null;

        int recipients = Sessions.broadcast(channel, payload.toString(), except);
        return Response.accepted(Json.createObjectBuilder().add("recipients", recipients).build()).build();
    }

    /** @return how many sessions each channel holds */
    @GET
    @Path("registry")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject registry() {
        var channels = Json.createObjectBuilder();
        int total = 0;
        for (Map.Entry<String, Set<jakarta.websocket.Session>> entry : Sessions.CHANNELS.entrySet()) {
            channels.add(entry.getKey(), entry.getValue().size());
            total += entry.getValue().size();
        }
        return Json.createObjectBuilder().add("connections", total).add("channels", channels).build();
    }

    private static Response badRequest(String detail) {
        return Response.status(400).type(PROBLEM)
                .entity(Json.createObjectBuilder().add("type", "about:blank").add("title", "Bad Request")
                        .add("status", 400).add("detail", detail).build())
                .build();
    }
}
