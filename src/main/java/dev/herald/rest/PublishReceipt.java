package dev.herald.rest;

/**
 * The answer to {@code POST /api/broadcasts}.
 *
 * @param recipients how many connections on this instance the broadcast was queued for at once; 0 for a batched
 *                   broadcast and for a throttled one that was held for the end of its interval or dropped
 */
public record PublishReceipt(int recipients) {
}
