package dev.herald.domain;

/**
 * The broadcast every {@code /notifications} client receives when a user is created:
 * {@code {"type":"user_created","user":{"id":1,"name":"user-1"}}}.
 *
 * @param type always {@value #TYPE}
 * @param user the new user
 */
public record UserCreated(String type, UserView user) {

    /** The frame's type. */
    public static final String TYPE = "user_created";

    /** @param user the new user */
    public UserCreated(UserView user) {
        this(TYPE, user);
    }
}
