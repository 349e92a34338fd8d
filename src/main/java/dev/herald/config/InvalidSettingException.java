package dev.herald.config;

/**
 * A setting has a value Herald cannot use. The message names the setting, the accepted values and what was given,
 * so that the operator can fix it from the log line alone.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting  the setting's full name, such as {@code herald.shutdown.drain-timeout-ms}
     * @param accepted what would be accepted, such as {@code "a whole number from 0 to 600000"}
     * @param given    the value as configured
     */
    public InvalidSettingException(String setting, String accepted, String given) {
        super(setting + " must be " + accepted + ", was \"" + given + "\"");
        this.setting = setting;
    }

    /** @return the full name of the setting whose value was refused */
    public String setting() {
        return setting;
    }
}
