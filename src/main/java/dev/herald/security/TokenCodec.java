package dev.herald.security;

import dev.herald.event.Audience;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signs and verifies Herald's JWTs with nimbus-jose-jwt: HS256 with one shared secret, a fixed issuer, and a required
 * {@code sub} and {@code exp}. Groups travel in the {@code groups} claim, as in MicroProfile JWT. No clock skew is
 * allowed, so a token is refused from the second it expires. Thread-safe.
 */
public final class TokenCodec {

    /** The smallest secret HS256 accepts: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    /** The claim that carries the holder's groups (roles). */
    public static final String GROUPS_CLAIM = "groups";

    private final byte[] secret;
    private final String issuer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @param secret the HS256 secret, at least {@value #MIN_SECRET_BYTES} bytes
     * @param issuer the {@code iss} every token must carry
     * @throws IllegalArgumentException when the secret is too short or the issuer blank
     */
    public TokenCodec(byte[] secret, String issuer) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("The JWT issuer must not be blank");
        }
        this.secret = secret.clone();
        this.issuer = issuer;

        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp"));
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * @param token a compact JWS
     * @return what the token says, once its signature, issuer and expiry have been checked
     * @throws InvalidTokenException when Herald does not accept it; the reason says why
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException(InvalidTokenException.MALFORMED, e);
        } catch (ExpiredJWTException e) {
            throw new InvalidTokenException(InvalidTokenException.EXPIRED, e);
        } catch (BadJWTException e) {
            throw new InvalidTokenException(InvalidTokenException.BAD_CLAIMS, e);
        } catch (BadJWSException | KeySourceException e) {
            throw new InvalidTokenException(InvalidTokenException.BAD_SIGNATURE, e);
        } catch (BadJOSEException | JOSEException e) {
            // An algorithm other than HS256 ("none" included) lands here: the key selector finds no key for it.
            throw new InvalidTokenException(InvalidTokenException.BAD_SIGNATURE, e);
        }
        return toVerified(claims);
    }

    /**
     * Signs a token for a subject.
     *
     * @param subject the {@code sub}: a user id or a service name
     * @param groups  the groups, such as {@code publisher}; may be empty
     * @param ttl     how long from now the token is valid
     * @return the compact JWS
     */
    public String mint(String subject, Collection<String> groups, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(Objects.requireNonNull(subject, "subject"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim(GROUPS_CLAIM, List.copyOf(groups))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a token failed", e);
        }
        return jwt.serialize();
    }

    private static VerifiedToken toVerified(JWTClaimsSet claims) throws InvalidTokenException {
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > Audience.MAX_USER_ID_LENGTH) {
            throw new InvalidTokenException(InvalidTokenException.BAD_CLAIMS, null);
        }
        Set<String> groups = new HashSet<>();
        try {
            List<String> listed = claims.getStringListClaim(GROUPS_CLAIM);
            if (listed != null) {
                listed.stream().filter(Objects::nonNull).forEach(groups::add);
            }
        } catch (ParseException e) {
            throw new InvalidTokenException(InvalidTokenException.BAD_CLAIMS, e);
        }
        return new VerifiedToken(subject, groups, claims.getExpirationTime().toInstant());
    }
}
