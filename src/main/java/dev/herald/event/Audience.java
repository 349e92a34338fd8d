package dev.herald.event;

import java.util.Objects;

/**
 * Who receives a {@link BroadcastEvent}. An audience is a value: two audiences that name the same connections are
 * equal, which lets delivery options (throttling, batching) key on them.
 */
public sealed interface Audience {

    /**
     * Every connection on a channel.
     *
     * @param channel the channel; never {@code null}
     * @return the audience of that whole channel
     */
    static Audience channel(Channel channel) {
        return new Everyone(channel);
    }

    /** Every connection on one channel, whatever its room, user or topics. */
    record Everyone(Channel channel) implements Audience {

        /** @throws NullPointerException when {@code channel} is null */
        public Everyone {
            Objects.requireNonNull(channel, "channel");
        }
    }
}
