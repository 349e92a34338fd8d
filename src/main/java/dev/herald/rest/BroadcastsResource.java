package dev.herald.rest;

import dev.herald.broadcast.BroadcastDispatcher;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;
import dev.herald.event.Delivery;
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

import java.util.Set;

/** {@code POST /api/broadcasts}: other services publish to Herald's channels. */
@Path("broadcasts")
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
                .delivery(request.delivery() == null ? Delivery.immediate() : request.delivery().toDelivery())
                .build();
        return Response.accepted(new PublishReceipt(dispatcher.dispatch(event))).build();
    }
}
