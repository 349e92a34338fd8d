package dev.herald.domain;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The frame every {@code /user} connection of an order's owner receives when the order changes:
 * {@code {"type":"order_updated","order_id":1,"status":"processed"}}.
 *
 * @param type    always {@value #TYPE}
 * @param orderId the order's id
 * @param status  its new status
 */
@JsonbPropertyOrder({"type", "orderId", "status"})
public record OrderUpdated(String type, @JsonbProperty("order_id") long orderId, String status) {

    /** The frame's type. */
    public static final String TYPE = "order_updated";

    /** @param order the order that changed */
    public OrderUpdated(Order order) {
        this(TYPE, order.getId(), order.getStatus().wireName());
    }
}
