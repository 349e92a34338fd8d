package dev.herald.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code POST /api/tokens}.
 *
 * @param sub        the user id (or service name) the token is for
 * @param groups     roles to grant, such as {@code ["publisher"]}; optional
 * @param ttlSeconds how long the token is valid, 1 to 86,400 seconds; optional, 3,600 when absent
 */
public record TokenRequest(
        @NotNull(message = "name the user id the token is for")
        @Pattern(regexp = "[A-Za-z0-9_.@-]{1,64}", message = "1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '@' and '-'")
        String sub,
        @Size(max = 16, message = "at most 16 groups") List<@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
                message = "each group is 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'") String> groups,
        @JsonbProperty("ttl_seconds")
        @Min(value = 1, message = "at least 1") @Max(value = 86_400, message = "at most 86400") Long ttlSeconds) {
}
