package dev.herald.broadcast;

import dev.herald.delivery.Frame;
import dev.herald.event.Audience;
import dev.herald.registry.Connection;
import dev.herald.registry.ConnectionRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The last step of every broadcast on this instance: one encoded frame queued on the outbox of every connection of
 * its audience that lives here. It never waits for a client, whichever thread calls it.
 */
@ApplicationScoped
public class LocalFanOut {

    @Inject
    ConnectionRegistry registry;

    /**
     * @param audience the recipients
     * @param frame    the frame, already encoded
     * @param excluded the id of a connection that must not receive it, or {@code null}
     * @return how many connections of this instance the frame was queued for
     */
    public int deliver(Audience audience, Frame frame, String excluded) {
        int recipients = 0;
        for (Connection connection : registry.findByAudience(audience)) {
            if (!connection.id().equals(excluded) && connection.send(frame)) {
                recipients++;
            }
        }
        return recipients;
    }
}
