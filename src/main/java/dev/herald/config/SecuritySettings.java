package dev.herald.config;

import dev.herald.event.Channel;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How Herald defends itself against bad and abusive clients: which origins may open a WebSocket, how large and how
 * frequent a client's frames may be, how many connections and rooms a user may hold, whether joining a room needs a
 * token, how often one client address may create users, and how soon a closed connection's socket is forcibly
 * released. Read under {@code herald.security.*}; {@code docs/security.md} lists every setting with its default.
 * Immutable.
 *
 * @param allowedOrigins       exact origins ({@code scheme://host[:port]}) allowed to open a WebSocket; the entry
 *                             {@value #SELF} stands for the hub's own origin, as the request's {@code Host} names it
 *                             when that is an IP address or {@code localhost}
 * @param allowMissingOrigin   whether a handshake without an {@code Origin} header (a non-browser client) is let in
 * @param maxInboundBytes      the largest text frame a client may send, in UTF-8 bytes; larger closes with 1009
 * @param inboundOverrides     channels whose largest text frame differs from {@code maxInboundBytes}
 * @param framesPerSecond      how many frames a connection may send per second, sustained
 * @param burst                how many frames a connection may send at once after a quiet spell
 * @param forgivenExcess       how many frames over the rate are dropped (with a {@code rate_limited} error) before
 *                             the connection is closed with 1008; one more is forgiven each second
 * @param maxConnectionsPerUser how many {@code /user} connections one user may hold at once
 * @param maxRoomsPerUser      how many distinct rooms one user (a {@code /rooms} connection with a token) may be in
 *                             at once
 * @param roomsRequireToken    whether joining a room needs a token; without one, anonymous members are let in and
 *                             not counted for {@link #maxRoomsPerUser}
 * @param userCreationsPerMinute how many {@code POST /api/users} one client address may make per minute, sustained
 * @param userCreationBurst    how many {@code POST /api/users} one client address may make at once after a quiet
 *                             spell
 * @param socketReleaseGrace   how long after Herald closes a connection its socket is terminated if the client has
 *                             not finished the close by then
 */
public record SecuritySettings(List<String> allowedOrigins, boolean allowMissingOrigin, int maxInboundBytes,
                               Map<Channel, Integer> inboundOverrides, int framesPerSecond, int burst, int forgivenExcess, int maxConnectionsPerUser,
                               int maxRoomsPerUser, boolean roomsRequireToken, int userCreationsPerMinute,
                               int userCreationBurst, Duration socketReleaseGrace) {

    /** The allow-list entry that stands for the hub's own origin. */
    public static final String SELF = "self";

    /** Comma-separated exact origins; {@value #SELF} is the hub's own. */
    /** The HS256 secret of bearer tokens; checked here, used by {@code dev.herald.security.TokenService}. */
    public static final String JWT_SECRET = "herald.jwt.secret";

    /** The shortest secret HS256 accepts: 256 bits. */
    public static final int MIN_JWT_SECRET_BYTES = 32;

    public static final String ALLOWED_ORIGINS = "herald.security.allowed-origins";
    /** {@code true} lets handshakes without {@code Origin} in (non-browser clients); {@code false} refuses them. */
    public static final String ALLOW_MISSING_ORIGIN = "herald.security.allow-missing-origin";
    /** Largest inbound text frame in bytes; {@code herald.security.<channel>.max-inbound-bytes} overrides it. */
    public static final String MAX_INBOUND_BYTES = "herald.security.max-inbound-bytes";
    /** Sustained inbound frames per second per connection. */
    public static final String FRAMES_PER_SECOND = "herald.security.rate.frames-per-second";
    /** Inbound burst per connection. */
    public static final String BURST = "herald.security.rate.burst";
    /** Dropped frames forgiven before 1008. */
    public static final String FORGIVEN_EXCESS = "herald.security.rate.forgiven-excess";
    /** {@code /user} connections per user. */
    public static final String MAX_CONNECTIONS_PER_USER = "herald.security.max-connections-per-user";
    /** Distinct rooms per user. */
    public static final String MAX_ROOMS_PER_USER = "herald.security.max-rooms-per-user";
    /** {@code true} refuses {@code /rooms} handshakes without a token with 401. */
    public static final String ROOMS_REQUIRE_TOKEN = "herald.security.rooms.require-token";
    /** Sustained {@code POST /api/users} per minute per client address. */
    public static final String USER_CREATIONS_PER_MINUTE = "herald.security.user-creation.per-minute";
    /** {@code POST /api/users} burst per client address. */
    public static final String USER_CREATION_BURST = "herald.security.user-creation.burst";
    /** Milliseconds between Herald's close and the forced release of the socket. */
    public static final String SOCKET_RELEASE_GRACE_MS = "herald.security.socket-release-grace-ms";

    /**
     * The hard ceiling for {@link #maxInboundBytes}: the endpoints declare it to the container as their
     * {@code maxMessageSize}, so a frame past it is refused by the container itself, also with 1009.
     */
    public static final int INBOUND_CEILING_BYTES = 1024 * 1024;

    static final String DEFAULT_ALLOWED_ORIGINS = SELF + ",http://localhost:8080";

    /** The settings with every default, as if nothing were configured. */
    public static final SecuritySettings DEFAULTS = new SecuritySettings(parseOrigins(DEFAULT_ALLOWED_ORIGINS), true,
            64 * 1024, Map.of(), 20, 40, 20, 16, 16, false, 10, 20, Duration.ofSeconds(2));

    /** @throws NullPointerException when a value is missing */
    public SecuritySettings {
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        inboundOverrides = Map.copyOf(Objects.requireNonNull(inboundOverrides, "inboundOverrides"));
        Objects.requireNonNull(socketReleaseGrace, "socketReleaseGrace");
    }

    /**
     * Reads and checks every setting.
     *
     * @param lookup the raw value of a setting by its full name; empty when it is not set
     * @return the settings, with defaults for what is not set
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public static SecuritySettings read(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> raw = name -> lookup.apply(name).map(String::strip).filter(v -> !v.isEmpty());
        requireStrongSecret(raw.apply(JWT_SECRET));
        Map<Channel, Integer> inboundOverrides = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            String name = "herald.security." + channel.wireName() + ".max-inbound-bytes";
            if (raw.apply(name).isPresent()) {
                inboundOverrides.put(channel, whole(raw, name, 0, 1, INBOUND_CEILING_BYTES));
            }
        }
        return new SecuritySettings(
                parseOrigins(raw.apply(ALLOWED_ORIGINS).orElse(DEFAULT_ALLOWED_ORIGINS)),
                flag(raw, ALLOW_MISSING_ORIGIN, DEFAULTS.allowMissingOrigin()),
                whole(raw, MAX_INBOUND_BYTES, DEFAULTS.maxInboundBytes(), 1, INBOUND_CEILING_BYTES),
                inboundOverrides,
                whole(raw, FRAMES_PER_SECOND, DEFAULTS.framesPerSecond(), 1, 100_000),
                whole(raw, BURST, DEFAULTS.burst(), 1, 100_000),
                whole(raw, FORGIVEN_EXCESS, DEFAULTS.forgivenExcess(), 0, 100_000),
                whole(raw, MAX_CONNECTIONS_PER_USER, DEFAULTS.maxConnectionsPerUser(), 1, 100_000),
                whole(raw, MAX_ROOMS_PER_USER, DEFAULTS.maxRoomsPerUser(), 1, 100_000),
                flag(raw, ROOMS_REQUIRE_TOKEN, DEFAULTS.roomsRequireToken()),
                whole(raw, USER_CREATIONS_PER_MINUTE, DEFAULTS.userCreationsPerMinute(), 1, 100_000),
                whole(raw, USER_CREATION_BURST, DEFAULTS.userCreationBurst(), 1, 100_000),
                Duration.ofMillis(whole(raw, SOCKET_RELEASE_GRACE_MS, 2_000, 0, 600_000)));
    }

    // The secret itself is read by dev.herald.security.TokenService; it is checked here so that a weak one stops the
    // start like any other bad setting, instead of failing every request that carries a token. Never echoed.
    private static void requireStrongSecret(Optional<String> secret) {
        int bytes = secret.map(value -> value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).orElse(-1);
        if (bytes >= 0 && bytes < MIN_JWT_SECRET_BYTES) {
            throw new InvalidSettingException(JWT_SECRET, "at least " + MIN_JWT_SECRET_BYTES + " bytes",
                    "(" + bytes + " bytes, not shown)");
        }
    }

    /**
     * @param channel a channel
     * @return the largest text frame a client of that channel may send, in UTF-8 bytes
     */
    public int maxInboundBytes(Channel channel) {
        return inboundOverrides.getOrDefault(channel, maxInboundBytes);
    }

    /**
     * @param origin     the handshake's {@code Origin}, exactly as sent
     * @param selfOrigin the hub's own origin for this request, such as {@code http://127.0.0.1:8080}; null when it
     *                   cannot be trusted, and then {@value #SELF} allows nothing
     * @return whether it is on the allow-list; comparison ignores case, as origins' scheme and host do
     */
    public boolean allowsOrigin(String origin, String selfOrigin) {
        String wanted = origin.toLowerCase(Locale.ROOT);
        for (String allowed : allowedOrigins) {
            String exact = !allowed.equals(SELF) ? allowed
                    : selfOrigin == null ? null : selfOrigin.toLowerCase(Locale.ROOT);
            if (wanted.equals(exact)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> parseOrigins(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.equals(SELF) ? SELF : stripTrailingSlash(entry).toLowerCase(Locale.ROOT))
                .toList();
    }

    private static String stripTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    private static boolean flag(Function<String, Optional<String>> raw, String name, boolean defaultValue) {
        Optional<String> value = raw.apply(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, "true or false", value.get());
        };
    }

    private static int whole(Function<String, Optional<String>> raw, String name, int defaultValue, int min, int max) {
        Optional<String> value = raw.apply(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String accepted = "a whole number from " + min + " to " + max;
        try {
            int parsed = Integer.parseInt(value.get().replace("_", ""));
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Answered below, with the same message as a value out of range.
        }
        throw new InvalidSettingException(name, accepted, value.get());
    }
}
