package dev.herald.rest;

import dev.herald.domain.NameTakenException;
import dev.herald.domain.UserService;
import dev.herald.domain.UserView;
import dev.herald.rest.problem.ProblemException;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/users}: the demo's users. Creating one notifies every {@code /notifications} client. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserService users;

    /**
     * Creates a user.
     *
     * @param request the new user's name
     * @param uriInfo the request's URI, for the {@code Location} header
     * @return 201 with the user; 409 when the name is taken
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = "send a JSON object with a name") NewUser request,
                           @Context UriInfo uriInfo) {
        try {
            UserView user = users.create(request.name());
            return Response.created(uriInfo.getAbsolutePathBuilder().path(String.valueOf(user.id())).build())
                    .entity(user)
                    .build();
        } catch (NameTakenException e) {
            throw new ProblemException(409, e.getMessage());
        }
    }

    /**
     * @param id a user id
     * @return 200 with the user; 404 when there is none
     */
    @GET
    @Path("{id: [0-9]{1,18}}")
    public UserView find(@PathParam("id") long id) {
        return users.findById(id).orElseThrow(() -> new ProblemException(404, "There is no user " + id));
    }
}
