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

/**
 * {@code POST /api/orders}: an authenticated user places an order. A background job processes it within about a
 * second, and every {@code /user} connection of that user then receives an {@code order_updated} frame.
 */
@Path("orders")
@RolesAllowed(Roles.ANY_AUTHENTICATED)
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
    public Response place(@Valid @NotNull(message = "send a JSON object with an item") NewOrder request,
                          @Context SecurityContext security) {
        OrderView order = orders.place(security.getUserPrincipal().getName(), request.item());
        return Response.accepted(order).build();
    }
}
