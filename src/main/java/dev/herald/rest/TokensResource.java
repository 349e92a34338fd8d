package dev.herald.rest;

import dev.herald.rest.problem.ProblemException;
import dev.herald.security.TokenService;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/tokens}: mints a token for local use, so a developer can try {@code /user}, orders and the publish
 * API without an identity provider. It is on when {@code herald.tokens.minting-enabled} is {@code true} (the embedded
 * default) and answers 404 otherwise (the Docker image turns it off). Anyone who can reach it can become anyone:
 * never turn it on where the hub is reachable by others.
 */
@Path("tokens")
@Tag(name = "tokens", description = "Local token minting, off unless herald.tokens.minting-enabled")
public class TokensResource {

    // Json.createObjectBuilder() looks the JSON-P provider up (a ServiceLoader scan) on every call; the factory
    // looks it up once.
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    static final long DEFAULT_TTL_SECONDS = 3600;
    static final String DETAIL_DISABLED = "Minting tokens is turned off on this instance (herald.tokens.minting-enabled)";

    @Inject
    TokenService tokens;

    @Inject
    @ConfigProperty(name = "herald.tokens.minting-enabled", defaultValue = "false")
    boolean mintingEnabled;

    /**
     * @param request who the token is for, its groups and lifetime
     * @return 201 with {@code {"token":"...","expires_in":<seconds>}}
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mint a bearer token for a subject and groups (local use only)")
    @APIResponse(responseCode = "200", description = "{\"token\":\"...\",\"expires_in\":<seconds>}")
    @APIResponse(responseCode = "400", ref = HeraldApplication.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = HeraldApplication.NOT_FOUND)
    public JsonObject mint(@Valid @NotNull(message = "send a JSON object with sub") TokenRequest request) {
        if (!mintingEnabled) {
            throw new ProblemException(404, DETAIL_DISABLED);
        }
        long ttl = request.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : request.ttlSeconds();
        List<String> groups = request.groups() == null ? List.of() : request.groups();
        return JSON.createObjectBuilder()
                .add("token", tokens.mint(request.sub(), groups, Duration.ofSeconds(ttl)))
                .add("expires_in", ttl)
                .build();
    }
}
