package dev.herald.domain;

/**
 * A user as clients see it, in REST answers and in broadcasts.
 *
 * @param id   the user's id
 * @param name the user's name
 */
public record UserView(long id, String name) {

    /**
     * @param user a persisted user
     * @return its view
     */
    public static UserView of(User user) {
        return new UserView(user.getId(), user.getName());
    }
}
