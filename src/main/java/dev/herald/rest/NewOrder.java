package dev.herald.rest;

import dev.herald.domain.Order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}.
 *
 * @param item what to order, 1 to 100 characters
 */
public record NewOrder(
        @NotBlank(message = "name the item to order")
        @Pattern(regexp = "\\P{Cs}*", message = "must be valid Unicode text (no lone surrogates)")
        @Size(max = Order.MAX_ITEM_LENGTH, message = "at most 100 characters") String item) {
}
