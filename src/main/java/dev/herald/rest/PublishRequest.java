package dev.herald.rest;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * The body of {@code POST /api/broadcasts}.
 *
 * @param channel the channel's wire name, such as {@code "notifications"}
 * @param payload any JSON value, sent to every recipient as is
 * @param except  a connection id that must not receive the broadcast; optional
 * @param room    on {@code rooms}: the one room to reach; absent reaches every room
 * @param users   on {@code user}: the user ids to reach; required there
 * @param topic   on {@code feed}: the topic to reach; required there
 * @param delivery when it goes out (immediate, throttled or batched); optional, immediate when absent
 */
public record PublishRequest(
        @NotBlank(message = "name the channel, for example \"notifications\"") String channel,
        @NotNull(message = "give the JSON value to broadcast") JsonValue payload,
        String except,
        String room,
        List<String> users,
        String topic,
        PublishDelivery delivery) {
}
