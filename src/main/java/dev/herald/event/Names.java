package dev.herald.event;

import java.util.regex.Pattern;

/**
 * The one rule for the names clients choose: room ids and topic names are 1 to {@value #MAX_LENGTH} characters of
 * {@code A-Z a-z 0-9 _ -}. The rule keeps names safe in paths, query strings, logs and map keys.
 */
public final class Names {

    /** The longest name allowed. */
    public static final int MAX_LENGTH = 64;

    /** The rule as people read it, for error messages. */
    public static final String RULE = "1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private Names() {
    }

    /**
     * @param name a room id or topic name; {@code null} is not valid
     * @return whether it follows the rule
     */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * @param what  what the name is, for the message, such as {@code "room id"}
     * @param name  the name
     * @return the name, when valid
     * @throws IllegalArgumentException when it breaks the rule; the message says how to fix it
     */
    public static String requireValid(String what, String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " must be " + RULE);
        }
        return name;
    }
}
