package dev.herald.rest;

import dev.herald.rest.problem.Problem;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import java.util.Map;

/**
 * Herald's REST API, under {@code /api}. Its description is served by MicroProfile OpenAPI at {@code /openapi}; the
 * error responses every resource refers to ({@code #/components/responses/...}) are declared here once.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "Herald", version = "0.1.0",
                description = "Publish to Herald's WebSocket channels and inspect its connections. "
                        + "Errors are RFC 9457 problem details (application/problem+json)."),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = HeraldApplication.BEARER,
                        type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                        description = "HS256 JWT from your identity provider (or POST /api/tokens when minting is on)"),
                schemas = @Schema(name = HeraldApplication.PROBLEM, type = SchemaType.OBJECT, properties = {
                        @SchemaProperty(name = "type", type = SchemaType.STRING, examples = "about:blank"),
                        @SchemaProperty(name = "title", type = SchemaType.STRING, examples = "Bad Request"),
                        @SchemaProperty(name = "status", type = SchemaType.INTEGER, examples = "400"),
                        @SchemaProperty(name = "detail", type = SchemaType.STRING,
                                examples = "channel: must be one of \"notifications\", \"chat\"")}),
                responses = {
                        @APIResponse(name = HeraldApplication.BAD_REQUEST, responseCode = "400",
                                description = "The body is malformed or a field is invalid; detail says which",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM))),
                        @APIResponse(name = HeraldApplication.UNAUTHORIZED, responseCode = "401",
                                description = "No valid bearer token",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM))),
                        @APIResponse(name = HeraldApplication.FORBIDDEN, responseCode = "403",
                                description = "The token lacks the role this endpoint needs",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM))),
                        @APIResponse(name = HeraldApplication.NOT_FOUND, responseCode = "404",
                                description = "There is no such resource",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM))),
                        @APIResponse(name = HeraldApplication.CONFLICT, responseCode = "409",
                                description = "The request conflicts with existing data",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM))),
                        @APIResponse(name = HeraldApplication.TOO_LARGE, responseCode = "413",
                                description = "The body is larger than 64 KiB",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM))),
                        @APIResponse(name = HeraldApplication.UNSUPPORTED_TYPE, responseCode = "415",
                                description = "The body is not application/json",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM))),
                        @APIResponse(name = HeraldApplication.TOO_MANY_REQUESTS, responseCode = "429",
                                description = "Too many requests from this address lately; Retry-After gives the"
                                        + " seconds to wait",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(ref = HeraldApplication.PROBLEM)))}))
public class HeraldApplication extends Application {

    /**
     * Jersey's switch for the WADL it otherwise serves at {@code /api/application.wadl} and in answer to every
     * {@code OPTIONS}: a second, unasked-for description of the API that names the Jersey version. The API is
     * described by {@code /openapi}; {@code OPTIONS} still answers with {@code Allow}.
     */
    static final String DISABLE_WADL = "jersey.config.server.wadl.disableWadl";

    /** Name of the problem-details schema. */
    public static final String PROBLEM = "Problem";
    /** Name of the shared 400 response. */
    public static final String BAD_REQUEST = "BadRequest";
    /** Name of the bearer-token security scheme. */
    public static final String BEARER = "bearer";
    /** Name of the shared 401 response. */
    public static final String UNAUTHORIZED = "Unauthorized";
    /** Name of the shared 403 response. */
    public static final String FORBIDDEN = "Forbidden";
    /** Name of the shared 404 response. */
    public static final String NOT_FOUND = "NotFound";
    /** Name of the shared 409 response. */
    public static final String CONFLICT = "Conflict";
    /** Name of the shared 413 response. */
    public static final String TOO_LARGE = "TooLarge";
    /** Name of the shared 415 response. */
    public static final String UNSUPPORTED_TYPE = "UnsupportedMediaType";
    /** Name of the shared 429 response. */
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";

    /** @return Jersey's settings for this application: no WADL */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of(DISABLE_WADL, true);
    }
}
