package dev.herald.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints tokens for the ITs with the secret the tests' Payara verifies with (the {@code herald.test.jwt.secret}
 * system property that failsafe sets), independently of Herald's own minting.
 */
public final class Tokens {

    /** The issuer Herald expects by default. */
    public static final String ISSUER = "herald";

    private Tokens() {
    }

    /** @return a token for the service {@code test-publisher} with the {@code publisher} role, valid for an hour */
    public static String publisher() {
        return mint("test-publisher", List.of("publisher"), Duration.ofHours(1));
    }

    /**
     * @param userId the {@code sub}
     * @return a token for that user without roles, valid for an hour
     */
    public static String user(String userId) {
        return mint(userId, List.of(), Duration.ofHours(1));
    }

    /**
     * @param subject the {@code sub}
     * @param groups  the {@code groups}
     * @param ttl     from now until {@code exp}; negative for a token that has expired already
     * @return the token, signed with the test secret
     */
    public static String mint(String subject, List<String> groups, Duration ttl) {
        return sign(subject, groups, ISSUER, Instant.now().plus(ttl), secret());
    }

    /**
     * @param subject the {@code sub}
     * @param groups  the {@code groups}
     * @param issuer  the {@code iss}
     * @param expires the {@code exp}
     * @param secret  the HS256 secret, at least 32 bytes
     * @return the token
     */
    public static String sign(String subject, List<String> groups, String issuer, Instant expires, byte[] secret) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .claim("groups", groups)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a test token failed", e);
        }
        return jwt.serialize();
    }

    /** @return the test secret */
    public static byte[] secret() {
        String secret = System.getProperty("herald.test.jwt.secret");
        if (secret == null) {
            throw new IllegalStateException("herald.test.jwt.secret is not set: run the ITs through `mvn verify`");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
