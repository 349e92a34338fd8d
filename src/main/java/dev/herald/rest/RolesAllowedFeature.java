package dev.herald.rest;

import dev.herald.rest.problem.Problem;
import dev.herald.security.BearerTokenMechanism;
import dev.herald.security.Roles;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * Enforces {@code @RolesAllowed} on REST resources (on the method, or else on the class), which plain CDI beans do
 * not get from the container. The caller comes from Jakarta Security ({@link BearerTokenMechanism}). Without a valid
 * token the answer is 401 with {@code WWW-Authenticate: Bearer}; with one but without a listed role it is 403. Both
 * carry a problem body and are decided before the request body is read. The role {@value Roles#ANY_AUTHENTICATED}
 * admits any authenticated caller.
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed != null) {
            context.register(new RoleCheck(List.of(allowed.value())));
        }
    }

    /** The check for one resource method. Runs before the body is read, at the authentication priority. */
    @Priority(Priorities.AUTHENTICATION)
    static final class RoleCheck implements ContainerRequestFilter {

        static final String DETAIL_NO_TOKEN = "This needs a bearer token: send Authorization: Bearer <token>";
        static final String DETAIL_REFUSED_TOKEN = "The bearer token was refused (%s): get a new one";
        static final String DETAIL_FORBIDDEN = "The token does not carry a role this needs: %s";

        private final List<String> roles;

        RoleCheck(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                // In a servlet container, request properties are the servlet request's attributes.
                request.abortWith(unauthorized(request.getProperty(BearerTokenMechanism.ATTRIBUTE_TOKEN_PROBLEM)));
                return;
            }
            if (roles.contains(Roles.ANY_AUTHENTICATED) || roles.stream().anyMatch(security::isUserInRole)) {
                return;
            }
            request.abortWith(Problem.of(403, DETAIL_FORBIDDEN.formatted(String.join(", ", roles))).toResponse());
        }

        private static Response unauthorized(Object tokenProblem) {
            Problem problem = Problem.of(401, tokenProblem == null
                    ? DETAIL_NO_TOKEN : DETAIL_REFUSED_TOKEN.formatted(tokenProblem));
            return Response.fromResponse(problem.toResponse())
                    .header("WWW-Authenticate", tokenProblem == null ? "Bearer" : "Bearer error=\"invalid_token\"")
                    .build();
        }
    }
}
