package dev.herald.rest;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/broadcasts}.
 *
 * @param channel the channel's wire name, such as {@code "notifications"}
 * @param payload any JSON value, sent to every recipient as is
 * @param except   a connection id that must not receive the broadcast; optional
 * @param delivery when it goes out (immediate, throttled or batched); optional, immediate when absent
 */
public record PublishRequest(
        @NotBlank(message = "name the channel, for example \"notifications\"") String channel,
        @NotNull(message = "give the JSON value to broadcast") JsonValue payload,
        String except,
        PublishDelivery delivery) {
}
