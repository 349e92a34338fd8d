package dev.herald.web;

import dev.herald.support.Rest;
import dev.herald.support.WsClient;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishes through {@code POST /api/broadcasts} the way another service would: with a bearer token carrying the
 * {@code publisher} role, minted by the hub's local token endpoint (the same one the demo page uses).
 */
final class Publisher {

    private final URI base;
    private final Rest rest;
    private final String token;

    /** @param base the application's base URI */
    Publisher(URI base) {
        this.base = base;
        this.rest = new Rest(base);
        this.token = WsClient.parse(rest.post("api/tokens", "{\"sub\":\"browser-it\",\"groups\":[\"publisher\"]}")
                .body()).getString("token");
    }

    /**
     * Publishes and asserts the hub accepted it.
     *
     * @param json the request body
     */
    void publish(String json) {
        int status = rest.send(HttpRequest.newBuilder(base.resolve("api/broadcasts"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))).statusCode();
        assertThat(status).as("publish status").isEqualTo(202);
    }
}
