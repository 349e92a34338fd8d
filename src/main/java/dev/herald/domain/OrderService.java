package dev.herald.domain;

import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Places orders and processes the pending ones. Processing tells the owner's {@code /user} connections, once the
 * transaction has committed: a rolled-back run tells no one.
 */
@ApplicationScoped
public class OrderService {

    /** The most orders one processing run takes, so a backlog is worked off in bounded transactions. */
    static final int BATCH_SIZE = 100;

    @PersistenceContext
    EntityManager entityManager;

    @Inject
    Event<BroadcastEvent> broadcasts;

    /**
     * Places a pending order.
     *
     * @param owner the authenticated user id
     * @param item  what to order
     * @return the new order
     */
    @Transactional
    public OrderView place(String owner, String item) {
        Order order = new Order(owner, item);
        entityManager.persist(order);
        entityManager.flush();
        return OrderView.of(order);
    }

    /**
     * Marks up to {@value #BATCH_SIZE} pending orders processed, oldest first, and broadcasts
     * {@link OrderUpdated} to each owner after the commit.
     *
     * @return how many orders were processed
     */
    @Transactional
    public int processPending() {
        List<Order> pending = entityManager
                .createQuery("select o from Order o where o.status = :status order by o.id", Order.class)
                .setParameter("status", Order.Status.PENDING)
                .setMaxResults(BATCH_SIZE)
                .getResultList();

        for (Order order : pending) {
            order.markProcessed();
            broadcasts.fire(BroadcastEvent.to(Audience.user(order.getOwner())).payload(new OrderUpdated(order)).build());
        }
        return pending.size();
    }
}
