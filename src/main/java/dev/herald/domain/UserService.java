package dev.herald.domain;

import dev.herald.event.Audience;
import dev.herald.event.BroadcastEvent;
import dev.herald.event.Channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Creates and finds users. Creating one tells every {@code /notifications} client, once the transaction has
 * committed: a rolled-back creation tells no one.
 */
@ApplicationScoped
public class UserService {

    private static final Audience NOTIFICATIONS = Audience.channel(Channel.NOTIFICATIONS);

    @PersistenceContext
    EntityManager entityManager;

    @Inject
    Event<BroadcastEvent> broadcasts;

    /**
     * Creates a user and broadcasts {@link UserCreated} after the commit.
     *
     * @param name a name no other user has
     * @return the new user
     * @throws NameTakenException when another user has the name; nothing is stored or broadcast
     */
    @Transactional
    public UserView create(String name) {
        if (findByName(name).isPresent()) {
            throw new NameTakenException(name);
        }

        User user = new User(name);
        try {
            entityManager.persist(user);
            entityManager.flush();
        } catch (PersistenceException e) {
            // Another transaction took the name between our check and our insert; the unique constraint caught it.
            throw new NameTakenException(name);
        }

        UserView view = UserView.of(user);
        broadcasts.fire(BroadcastEvent.to(NOTIFICATIONS).payload(new UserCreated(view)).build());
        return view;
    }

    /**
     * @param id a user id
     * @return the user, or empty when there is none with that id
     */
    public Optional<UserView> findById(long id) {
        return Optional.ofNullable(entityManager.find(User.class, id)).map(UserView::of);
    }

    private Optional<User> findByName(String name) {
        return entityManager.createQuery("select u from User u where u.name = :name", User.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }
}
