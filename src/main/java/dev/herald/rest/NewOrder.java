package dev.herald.rest;

import dev.herald.domain.Order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}.
 *
 * @param item what to order, 1 to 100 characters
 */
public record NewOrder(
        @NotBlank(message = "name the item to order")
        @Size(max = Order.MAX_ITEM_LENGTH, message = "at most 100 characters") String item) {
}
