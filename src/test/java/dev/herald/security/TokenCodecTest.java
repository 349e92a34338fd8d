package dev.herald.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCodecTest {

    private static final byte[] SECRET = "unit-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "another-secret-of-at-least-32-bytes!!!!".getBytes(StandardCharsets.UTF_8);

    private final TokenCodec codec = new TokenCodec(SECRET, "herald");

    @Test
    void mintThenVerify_givesSubjectGroupsAndExpiry() throws Exception {
        VerifiedToken token = codec.verify(codec.mint("user-a", List.of("publisher"), Duration.ofMinutes(5)));

        assertThat(token.subject()).isEqualTo("user-a");
        assertThat(token.groups()).isEqualTo(Set.of("publisher"));
        assertThat(token.expiresAt()).isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));
    }

    @Test
    void verify_expiredToken_isRefusedAsExpired_withoutClockSkew() {
        String expired = sign(claims("user-a", "herald", Instant.now().minusSeconds(2)), SECRET);

        assertReason(expired, InvalidTokenException.EXPIRED);
    }

    @Test
    void verify_otherKeyOrIssuerOrMissingSubjectOrGarbage_isRefused() {
        Instant later = Instant.now().plusSeconds(60);

        assertReason(sign(claims("user-a", "herald", later), OTHER), InvalidTokenException.BAD_SIGNATURE);
        assertReason(sign(claims("user-a", "elsewhere", later), SECRET), InvalidTokenException.BAD_CLAIMS);
        assertReason(sign(claims(null, "herald", later), SECRET), InvalidTokenException.BAD_CLAIMS);
        assertReason(sign(claims(" ", "herald", later), SECRET), InvalidTokenException.BAD_CLAIMS);
        assertReason("not-a-jwt", InvalidTokenException.MALFORMED);
    }

    @Test
    void verify_unsignedAlgNoneToken_isRefused() {
        String unsigned = new PlainJWT(new PlainHeader(), claims("user-a", "herald", Instant.now().plusSeconds(60)))
                .serialize();

        assertThatThrownBy(() -> codec.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void constructor_shortSecret_isRefused() {
        assertThatThrownBy(() -> new TokenCodec(new byte[31], "herald"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private void assertReason(String token, String reason) {
        assertThatThrownBy(() -> codec.verify(token)).isInstanceOf(InvalidTokenException.class)
                .extracting(e -> ((InvalidTokenException) e).reason()).isEqualTo(reason);
    }

    private static JWTClaimsSet claims(String subject, String issuer, Instant expires) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(issuer).expirationTime(Date.from(expires)).build();
    }

    private static String sign(JWTClaimsSet claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
