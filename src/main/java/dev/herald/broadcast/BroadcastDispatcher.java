package dev.herald.broadcast;

import dev.herald.delivery.Frame;
import dev.herald.event.BroadcastEvent;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Turns each {@link BroadcastEvent} into sends to the connections of its audience on this instance.
 *
 * <p>The payload is encoded once per event. Each recipient's frame is queued on that connection's own outbox, so the
 * firing thread never waits for a client, and events fired from one thread reach each connection in firing order.
 * A connection that fails or falls behind is closed on its own; the others are not affected.
 *
 * <p>Events fired with {@code Event.fire} inside a JTA transaction go out after the commit and never after a rollback
 * (a transactional observer); outside a transaction they go out at once, on the firing thread. Events fired with
 * {@code Event.fireAsync} go out on the container's async thread, with no ordering between them.
 */
@ApplicationScoped
public class BroadcastDispatcher {

    @Inject
    ConnectionRegistry registry;

    @Inject
    PayloadEncoder encoder;

    void onBroadcast(@Observes(during = TransactionPhase.AFTER_SUCCESS) BroadcastEvent event) {
        dispatch(event);
    }

    void onAsyncBroadcast(@ObservesAsync BroadcastEvent event) {
        dispatch(event);
    }

    /**
     * Sends an event to its audience on this instance now, ignoring any transaction.
     *
     * @param event the event
     * @return how many connections the frame was queued for; 0 when no one in the audience is connected here
     * @throws IllegalArgumentException when the payload cannot be encoded
     */
    public int dispatch(BroadcastEvent event) {
        Frame frame = encoder.encode(event.payload());
        String excluded = event.excludedConnectionId().orElse(null);

        int recipients = 0;
        for (Connection connection : registry.findByAudience(event.audience())) {
            if (!connection.id().equals(excluded) && connection.send(frame)) {
                recipients++;
            }
        }
        return recipients;
    }
}
