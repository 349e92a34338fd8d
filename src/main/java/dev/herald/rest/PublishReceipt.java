package dev.herald.rest;

/**
 * The answer to {@code POST /api/broadcasts}.
 *
 * @param recipients how many connections on this instance the broadcast was queued for
 */
public record PublishReceipt(int recipients) {
}
