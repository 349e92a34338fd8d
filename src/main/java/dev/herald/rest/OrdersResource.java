package dev.herald.rest;

import dev.herald.domain.OrderService;
import dev.herald.domain.OrderView;
import dev.herald.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/orders}: an authenticated user places an order. A background job processes it within about a
 * second, and every {@code /user} connection of that user then receives an {@code order_updated} frame.
 */
@Path("orders")
@RolesAllowed(Roles.ANY_AUTHENTICATED)
@Tag(name = "orders", description = "The demo's orders; updates reach the user's /user connections")
@SecurityRequirement(name = HeraldApplication.BEARER)
public class OrdersResource {

    @Inject
    OrderService orders;

    /**
     * @param request  what to order
     * @param security the caller, whose user id owns the order
     * @return 202 with {@code {"id":<id>,"status":"pending"}}
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order as the token's user")
    @APIResponse(responseCode = "202", description = "Accepted; processed within about a second",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", ref = HeraldApplication.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = HeraldApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "413", ref = HeraldApplication.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = HeraldApplication.UNSUPPORTED_TYPE)
    public Response place(@Valid @NotNull(message = "send a JSON object with an item") NewOrder request,
                          @Context SecurityContext security) {
        OrderView order = orders.place(security.getUserPrincipal().getName(), request.item());
        return Response.accepted(order).build();
    }
}
