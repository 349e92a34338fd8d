package dev.herald.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Herald's tokens, configured from MicroProfile Config: {@code herald.jwt.secret} (the HS256 secret, at least 32
 * bytes; environment variable {@code HERALD_JWT_SECRET}) and {@code herald.jwt.issuer}.
 *
 * <p>Without a secret, Herald makes a random one at start-up: tokens it mints work until it stops, and no token from
 * anywhere else is accepted. That keeps a forgotten setting from ever meaning "a secret everybody knows".
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOGGER = Logger.getLogger(TokenService.class.getName());
    private static final String LOG_RANDOM_SECRET = "No herald.jwt.secret is configured: tokens are signed with a random"
            + " key that lasts until this instance stops";

    @Inject
    @ConfigProperty(name = "herald.jwt.secret")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "herald.jwt.issuer", defaultValue = "herald")
    String issuer;

    private TokenCodec codec;

    @PostConstruct
    void init() {
        byte[] key;
        if (secret.isPresent() && !secret.get().isBlank()) {
            key = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            key = new byte[TokenCodec.MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(key);
            LOGGER.info(LOG_RANDOM_SECRET);
        }
        codec = new TokenCodec(key, issuer);
    }

    /**
     * @param token a compact JWS
     * @return what it says, once verified
     * @throws InvalidTokenException when Herald does not accept it
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        return codec.verify(token);
    }

    /**
     * @param subject the user id or service name
     * @param groups  its groups
     * @param ttl     how long it is valid
     * @return a signed token
     */
    public String mint(String subject, Collection<String> groups, Duration ttl) {
        return codec.mint(subject, groups, ttl);
    }
}
