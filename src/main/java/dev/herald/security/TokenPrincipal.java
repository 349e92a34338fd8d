package dev.herald.security;

import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * The caller of a handshake that came with a token ({@code /user}, or a {@code /rooms} member), as the WebSocket
 * session sees it: the user id from the token, and when that token expires, so the connection can end with it.
 */
public final class TokenPrincipal implements Principal, Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final Instant expiresAt;

    /**
     * @param name      the user id; never {@code null}
     * @param expiresAt when the token that proved it expires; never {@code null}
     */
    public TokenPrincipal(String name, Instant expiresAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String getName() {
        return name;
    }

    /** @return when the token expires */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenPrincipal that && name.equals(that.name) && expiresAt.equals(that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, expiresAt);
    }

    @Override
    public String toString() {
        return "TokenPrincipal[" + name + "]";
    }
}
