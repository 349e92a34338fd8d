package dev.herald.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.util.Locale;

/** An order of the demo application: one item for one user, pending until a background job processes it. */
@Entity
@Table(name = "HERALD_ORDER")
public class Order {

    /** The longest item name an order may have. */
    public static final int MAX_ITEM_LENGTH = 100;

    /** Where an order stands. */
    public enum Status {
        /** Placed, not processed yet. */
        PENDING,
        /** Processed by the background job; its owner has been told. */
        PROCESSED;

        /** @return the name used on the wire, such as {@code "pending"} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // A sequence, not IDENTITY: EclipseLink 5 writes IDENTITY columns in a syntax the embedded H2 2.x rejects.
    @Id
    @SequenceGenerator(name = "HERALD_ORDER_SEQ", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "HERALD_ORDER_SEQ")
    private Long id;

    @Column(nullable = false, length = 255)
    private String owner;

    @Column(nullable = false, length = MAX_ITEM_LENGTH)
    private String item;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    /** For JPA. */
    protected Order() {
    }

    /**
     * A new, pending order.
     *
     * @param owner the user id of whoever placed it
     * @param item  what was ordered
     */
    public Order(String owner, String item) {
        this.owner = owner;
        this.item = item;
        this.status = Status.PENDING;
    }

    /** @return the generated id, or {@code null} before the order is persisted */
    public Long getId() {
        return id;
    }

    /** @return the user id of whoever placed the order */
    public String getOwner() {
        return owner;
    }

    /** @return what was ordered */
    public String getItem() {
        return item;
    }

    /** @return where the order stands */
    public Status getStatus() {
        return status;
    }

    /** Marks the order processed. */
    public void markProcessed() {
        this.status = Status.PROCESSED;
    }
}
