package dev.herald.domain;

/** A user with the requested name exists already. */
public class NameTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param name the name that is taken */
    public NameTakenException(String name) {
        super("A user named \"" + name + "\" exists already");
    }
}
