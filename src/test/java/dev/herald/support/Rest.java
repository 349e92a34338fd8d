package dev.herald.support;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the REST API, on the JDK's {@link HttpClient}. */
public final class Rest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final String token;

    /** @param base the application's base URI */
    public Rest(URI base) {
        this(base, null);
    }

    private Rest(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * @param bearerToken a token to send as {@code Authorization: Bearer} with every request
     * @return a client for the same base that sends it
     */
    public Rest withToken(String bearerToken) {
        return new Rest(base, bearerToken);
    }

    /**
     * @param path a path relative to the base, such as {@code "api/users"}
     * @param json the body
     * @return the response
     */
    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * @param path a path relative to the base
     * @return the response
     */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /**
     * @param request a request to send as is
     * @return the response
     */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** @return the open connections on the instance, per channel, from {@code GET /api/registry} */
    public JsonObject registry() {
        return WsClient.parse(get("api/registry").body());
    }

    /**
     * @param name a readiness check's name
     * @return that check's data from {@code GET /health/ready}, every value as text
     * @throws AssertionError when the check is missing
     */
    public java.util.Map<String, String> readinessData(String name) {
        JsonObject readiness = WsClient.parse(get("/health/ready").body());
        return readiness.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals(name)).findFirst()
                .map(check -> check.getJsonObject("data"))
                .map(data -> data.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, entry -> entry.getValue() instanceof jakarta.json.JsonString text
                                ? text.getString() : entry.getValue().toString())))
                .orElseThrow(() -> new AssertionError("No readiness check " + name + " in " + readiness));
    }

    /** @param path a relative path
     *  @return the absolute URI */
    public URI uri(String path) {
        return base.resolve(path);
    }
}
