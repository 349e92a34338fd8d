package dev.herald.security;

/**
 * A bearer token that Herald does not accept. Its {@link #reason()} is one of the constants here, fit for a client;
 * the cause, when there is one, stays in the server.
 */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The token is not a signed JWT Herald can read. */
    public static final String MALFORMED = "malformed";
    /** The signature does not verify with Herald's key, or the algorithm is not the configured one. */
    public static final String BAD_SIGNATURE = "bad_signature";
    /** The token's {@code exp} has passed. */
    public static final String EXPIRED = "expired";
    /** A claim is missing or wrong: issuer, subject or expiry. */
    public static final String BAD_CLAIMS = "bad_claims";

    private final String reason;

    /**
     * @param reason one of the constants of this class
     * @param cause  what the JWT library reported, or {@code null}
     */
    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** @return why the token was refused, one of the constants of this class */
    public String reason() {
        return reason;
    }
}
