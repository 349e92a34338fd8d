package dev.herald.domain;

/**
 * An order as its owner sees it in the answer to {@code POST /api/orders}: {@code {"id":1,"status":"pending"}}.
 *
 * @param id     the order's id
 * @param status {@code "pending"} or {@code "processed"}
 */
public record OrderView(long id, String status) {

    /**
     * @param order a persisted order
     * @return its view
     */
    public static OrderView of(Order order) {
        return new OrderView(order.getId(), order.getStatus().wireName());
    }
}
