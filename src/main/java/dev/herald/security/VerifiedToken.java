package dev.herald.security;

import java.time.Instant;
import java.util.Set;

/**
 * What a token whose signature, issuer and expiry Herald has checked says about its holder.
 *
 * @param subject   the {@code sub} claim: the user id or the calling service
 * @param groups    the {@code groups} claim, such as {@code publisher}; empty when absent
 * @param expiresAt the {@code exp} claim
 */
public record VerifiedToken(String subject, Set<String> groups, Instant expiresAt) {

    /** Copies the groups. */
    public VerifiedToken {
        groups = Set.copyOf(groups);
    }
}
