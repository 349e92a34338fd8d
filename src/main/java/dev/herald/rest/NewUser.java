package dev.herald.rest;

import dev.herald.domain.User;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/users}.
 *
 * @param name the new user's name, unique, 1 to 64 characters
 */
public record NewUser(
        @NotBlank(message = "give the user a name")
        @Pattern(regexp = "\\P{Cs}*", message = "must be valid Unicode text (no lone surrogates)")
        @Size(max = User.MAX_NAME_LENGTH, message = "at most 64 characters") String name) {
}
