package dev.herald.event;

import java.util.Objects;
import java.util.Optional;

/**
 * The one CDI event business code fires to reach WebSocket connections: who receives it, what they receive, and
 * (optionally) one connection that must not receive it.
 *
 * <pre>{@code
 * @Inject Event<BroadcastEvent> broadcasts;
 *
 * broadcasts.fire(BroadcastEvent.to(Audience.channel(Channel.NOTIFICATIONS)).payload(new UserCreated(user)).build());
 * }</pre>
 *
 * <p>Firing never blocks on a connection. Fired inside a JTA transaction, the event goes out after the commit and
 * never after a rollback; fired outside one, it goes out at once. Events fired from one thread reach each connection
 * in the order they were fired.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BroadcastEvent {

    private final Audience audience;
    private final Payload payload;
    private final String excludedConnectionId;
    private final Delivery delivery;

    private BroadcastEvent(Builder builder) {
        this.audience = builder.audience;
        this.delivery = builder.delivery;
        this.payload = Objects.requireNonNull(builder.payload, "payload: call payload(...) or json(...) before build()");
        this.excludedConnectionId = builder.excludedConnectionId;
    }

    /**
     * Starts an event for an audience.
     *
     * @param audience who receives the event; never {@code null}
     * @return a builder to set the payload and options on
     */
    public static Builder to(Audience audience) {
        return new Builder(audience);
    }

    /** @return who receives this event */
    public Audience audience() {
        return audience;
    }

    /** @return what the receivers get */
    public Payload payload() {
        return payload;
    }

    /** @return the id of the one connection that must not receive this event, if any */
    public Optional<String> excludedConnectionId() {
        return Optional.ofNullable(excludedConnectionId);
    }

    /** @return when the event goes out: at once (the default), throttled or batched; see {@code docs/delivery.md} */
    public Delivery delivery() {
        return delivery;
    }

    @Override
    public String toString() {
        // Never the payload: it may hold personal data, and toString() ends up in logs.
        return "BroadcastEvent[audience=" + audience + ", except=" + excludedConnectionId + ", delivery=" + delivery
                + "]";
    }

    /** Collects the parts of a {@link BroadcastEvent}. Not thread-safe; use one builder per event. */
    public static final class Builder {

        private final Audience audience;
        private Payload payload;
        private String excludedConnectionId;
        private Delivery delivery = Delivery.immediate();

        private Builder(Audience audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
        }

        /**
         * Sets a payload that Herald serializes with JSON-B.
         *
         * @param value any JSON-B-serializable value; never {@code null}
         * @return this builder
         */
        public Builder payload(Object value) {
            this.payload = value instanceof Payload given ? given : Payload.of(value);
            return this;
        }

        /**
         * Sets a payload that is already JSON and goes out exactly as given.
         *
         * @param json an encoded JSON document; never {@code null}
         * @return this builder
         */
        public Builder json(String json) {
            this.payload = Payload.json(json);
            return this;
        }

        /**
         * Leaves one connection out, typically the one whose message caused the event.
         *
         * @param connectionId the connection id from the {@code connected} frame; {@code null} leaves nobody out
         * @return this builder
         */
        public Builder except(String connectionId) {
            this.excludedConnectionId = connectionId;
            return this;
        }

        /**
         * Chooses when the event goes out. Without this call it goes out at once.
         *
         * @param option {@link Delivery#immediate()}, {@link Delivery#throttled} or {@link Delivery#batched}
         * @return this builder
         */
        public Builder delivery(Delivery option) {
            this.delivery = Objects.requireNonNull(option, "delivery");
            return this;
        }

        /**
         * @return the event
         * @throws NullPointerException when no payload was set
         */
        public BroadcastEvent build() {
            return new BroadcastEvent(this);
        }
    }
}
