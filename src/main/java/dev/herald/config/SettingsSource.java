package dev.herald.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed settings from raw text values and checks each against its accepted range. Every Herald setting is read
 * through one of these, so every refusal reads the same way: {@code NAME must be RANGE, was "VALUE"}.
 *
 * <p>The raw values usually come from MicroProfile Config (system properties, environment variables such as
 * {@code HERALD_SHUTDOWN_DRAIN_TIMEOUT_MS}, {@code microprofile-config.properties}); tests pass a map. Immutable and
 * thread-safe when the lookup is.
 */
public final class SettingsSource {

    private final Function<String, Optional<String>> lookup;

    /** @param lookup the raw value of a setting by its full name; empty when it is not set */
    public SettingsSource(Function<String, Optional<String>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * @param name         the setting's full name
     * @param defaultValue the value when it is not set
     * @param min          the smallest accepted value
     * @param max          the largest accepted value
     * @return the value, with {@code _} allowed as a digit separator
     * @throws InvalidSettingException when the value is not a whole number in {@code [min, max]}
     */
    public long wholeNumber(String name, long defaultValue, long min, long max) {
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String accepted = "a whole number from " + min + " to " + max;
        long value;
        try {
            value = Long.parseLong(raw.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, accepted, raw.get());
        }
        if (value < min || value > max) {
            throw new InvalidSettingException(name, accepted, raw.get());
        }
        return value;
    }

    /**
     * @param name          the setting's full name, which ends in {@code -ms} by convention
     * @param defaultMillis the value in milliseconds when it is not set
     * @param minMillis     the shortest accepted value
     * @param maxMillis     the longest accepted value
     * @return the duration
     * @throws InvalidSettingException when the value is not a whole number of milliseconds in range
     */
    public Duration millis(String name, long defaultMillis, long minMillis, long maxMillis) {
        return Duration.ofMillis(wholeNumber(name, defaultMillis, minMillis, maxMillis));
    }

    /**
     * @param name         the setting's full name
     * @param defaultValue the value when it is not set
     * @return the value
     * @throws InvalidSettingException when the value is neither {@code true} nor {@code false}
     */
    public boolean flag(String name, boolean defaultValue) {
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, "true or false", raw.get());
        };
    }

    /**
     * @param name         the setting's full name
     * @param type         the enum whose constants are the accepted values, written in any case, {@code -} or
     *                     {@code _}
     * @param defaultValue the value when it is not set
     * @param <E>          the enum
     * @return the value
     * @throws InvalidSettingException when the value names no constant
     */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String wanted = raw.get().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        StringBuilder accepted = new StringBuilder("one of");
        for (E constant : type.getEnumConstants()) {
            accepted.append(' ').append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidSettingException(name, accepted.toString(), raw.get());
    }

    // A blank value counts as not set, as MicroProfile Config treats an empty property.
    private Optional<String> raw(String name) {
        return lookup.apply(name).map(String::strip).filter(value -> !value.isEmpty());
    }
}
