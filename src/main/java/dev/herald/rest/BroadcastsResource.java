package dev.herald.rest;

import dev.herald.broadcast.BroadcastDispatcher;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;
import dev.herald.rest.problem.ProblemException;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;

/** {@code POST /api/broadcasts}: other services publish to Herald's channels. */
@Path("broadcasts")
@Tag(name = "broadcasts", description = "Publish to a channel")
public class BroadcastsResource {

    private static final Set<Channel> PUBLISHABLE = Set.of(Channel.NOTIFICATIONS, Channel.CHAT);
    private static final String DETAIL_UNKNOWN_CHANNEL = "channel: must be one of \"notifications\", \"chat\"";

    @Inject
    BroadcastDispatcher dispatcher;

    /**
     * Broadcasts a payload to a channel on this instance.
     *
     * @param request what to send, and where
     * @return 202 with the number of connections addressed
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Broadcast a JSON payload to every connection of a channel on this instance")
    @APIResponse(responseCode = "202", description = "Queued; recipients counts the connections addressed",
            content = @Content(schema = @Schema(implementation = PublishReceipt.class)))
    @APIResponse(responseCode = "400", ref = HeraldApplication.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = HeraldApplication.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = HeraldApplication.UNSUPPORTED_TYPE)
    public Response publish(@Valid @NotNull(message = "send a JSON object with channel and payload") PublishRequest request) {
        Channel channel = Channel.fromWireName(request.channel())
                .filter(PUBLISHABLE::contains)
                .orElseThrow(() -> ProblemException.badRequest(DETAIL_UNKNOWN_CHANNEL));
        if (request.payload() == JsonValue.NULL) {
            throw ProblemException.badRequest("payload: give the JSON value to broadcast; null is not a payload");
        }

        BroadcastEvent event = BroadcastEvent.to(Audience.channel(channel))
                .json(request.payload().toString())
                .except(request.except())
                .build();
        return Response.accepted(new PublishReceipt(dispatcher.dispatch(event))).build();
    }
}
