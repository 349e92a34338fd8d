package dev.herald.security;

/** The roles Herald checks. A token's {@code groups} claim grants the role of the same name. */
public final class Roles {

    /** May publish through {@code POST /api/broadcasts} and inspect the registry's keys. */
    public static final String PUBLISHER = "publisher";

    /** Any authenticated caller, in {@code @RolesAllowed}, as in the Servlet specification. */
    public static final String ANY_AUTHENTICATED = "**";

    private Roles() {
    }
}
