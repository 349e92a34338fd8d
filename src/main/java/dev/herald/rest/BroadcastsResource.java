package dev.herald.rest;

import dev.herald.broadcast.BroadcastDispatcher;
import dev.herald.delivery.Frame;
import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;
import dev.herald.event.Delivery;
import dev.herald.event.Names;
import dev.herald.rest.problem.ProblemException;
import dev.herald.security.Roles;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code POST /api/broadcasts}: other services publish to Herald's channels, rooms, users and topics. Only callers
 * whose token carries the role {@value Roles#PUBLISHER} may.
 */
@Path("broadcasts")
@Tag(name = "broadcasts", description = "Publish to a channel, room, user or topic (role publisher)")
@SecurityRequirement(name = HeraldApplication.BEARER)
@RolesAllowed(Roles.PUBLISHER)
public class BroadcastsResource {

    /** The most user ids one publish request may name. */
    static final int MAX_USERS = 1000;

    private static final String DETAIL_UNKNOWN_CHANNEL =
            "channel: must be one of \"notifications\", \"chat\", \"rooms\", \"user\", \"feed\"";
    private static final String DETAIL_BAD_ROOM = "room: a room id must be " + Names.RULE;
    private static final String DETAIL_BAD_TOPIC = "topic: give the topic to reach, " + Names.RULE;
    private static final String DETAIL_BAD_USERS = "users: give 1 to " + MAX_USERS
            + " user ids, each a non-blank string of at most 255 characters";
    private static final String DETAIL_FIELD_NOT_FOR_CHANNEL = "%s: only for channel \"%s\"";

    static final String DETAIL_NOT_UNICODE = "payload: must be valid Unicode text; a \\uD800-\\uDFFF escape must be"
            + " half of a surrogate pair";

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
    @Operation(summary = "Broadcast a JSON payload to a channel, room, users or topic on this instance")
    @APIResponse(responseCode = "202", description = "Queued; recipients counts the connections addressed",
            content = @Content(schema = @Schema(implementation = PublishReceipt.class)))
    @APIResponse(responseCode = "400", ref = HeraldApplication.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = HeraldApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = HeraldApplication.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = HeraldApplication.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = HeraldApplication.UNSUPPORTED_TYPE)
    public Response publish(@Valid @NotNull(message = "send a JSON object with channel and payload") PublishRequest request) {
        Channel channel = Channel.fromWireName(request.channel())
                .orElseThrow(() -> ProblemException.badRequest(DETAIL_UNKNOWN_CHANNEL));
        if (request.payload() == JsonValue.NULL) {
            throw ProblemException.badRequest("payload: give the JSON value to broadcast; null is not a payload");
        }

        String payload = request.payload().toString();
        requireEncodable(payload);

        BroadcastEvent event = BroadcastEvent.to(audienceOf(channel, request))
                .json(payload)
                .except(request.except())
                .delivery(request.delivery() == null ? Delivery.immediate() : request.delivery().toDelivery())
                .build();
        return Response.accepted(new PublishReceipt(dispatcher.dispatch(event))).build();
    }

    // JSON allows escapes (backslash-u-D800) that decode to half a surrogate pair, which no WebSocket text frame can
    // carry.
    private static void requireEncodable(String payload) {
        try {
            Frame.of(payload);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(DETAIL_NOT_UNICODE);
        }
    }

    private static Audience audienceOf(Channel channel, PublishRequest request) {
        onlyFor(Channel.ROOMS, "room", request.room(), channel);
        onlyFor(Channel.USER, "users", request.users(), channel);
        onlyFor(Channel.FEED, "topic", request.topic(), channel);

        return switch (channel) {
            case NOTIFICATIONS, CHAT -> Audience.channel(channel);
            case ROOMS -> request.room() == null ? Audience.allRooms() : Audience.room(valid(request.room(), DETAIL_BAD_ROOM));
            case USER -> Audience.users(validUsers(request.users()));
            case FEED -> Audience.topic(valid(request.topic(), DETAIL_BAD_TOPIC));
        };
    }

    private static void onlyFor(Channel owner, String field, Object value, Channel channel) {
        if (value != null && channel != owner) {
            throw ProblemException.badRequest(DETAIL_FIELD_NOT_FOR_CHANNEL.formatted(field, owner.wireName()));
        }
    }

    private static String valid(String name, String detail) {
        if (!Names.isValid(name)) {
            throw ProblemException.badRequest(detail);
        }
        return name;
    }

    private static List<String> validUsers(List<String> users) {
        boolean valid = users != null && !users.isEmpty() && users.size() <= MAX_USERS
                && users.stream().allMatch(user -> user != null && !user.isBlank()
                        && user.length() <= Audience.MAX_USER_ID_LENGTH);
        if (!valid) {
            throw ProblemException.badRequest(DETAIL_BAD_USERS);
        }
        return users;
    }
}
