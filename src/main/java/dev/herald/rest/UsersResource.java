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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/users}: the demo's users. Creating one notifies every {@code /notifications} client. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "The demo's users")
public class UsersResource {

    @Inject
    UserService users;

    /**
     * Creates a user.
     *
     * @param request the new user's name
     * @param uriInfo the request's URI, for the {@code Location} header
     * @return 201 with the user; 409 when the name is taken; 429 (before the body is read) when the caller's address
     *         created too many users lately (see {@link UserCreationLimit})
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @UserCreationLimit.Applied
    @Operation(summary = "Create a user; every /notifications client hears of it after the commit")
    @APIResponse(responseCode = "201", description = "Created; Location names the new user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = HeraldApplication.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = HeraldApplication.CONFLICT)
    @APIResponse(responseCode = "413", ref = HeraldApplication.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = HeraldApplication.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "429", ref = HeraldApplication.TOO_MANY_REQUESTS)
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
    @Operation(summary = "Find a user by id")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", ref = HeraldApplication.NOT_FOUND)
    public UserView find(@PathParam("id") long id) {
        return users.findById(id).orElseThrow(() -> new ProblemException(404, "There is no user " + id));
    }
}
