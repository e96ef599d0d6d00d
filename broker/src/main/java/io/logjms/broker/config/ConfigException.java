package io.logjms.broker.config;

/**
 * A configuration that cannot be used: an unknown key, a value of the wrong type or out of range, values that
 * contradict each other, or a configuration file that cannot be read. The message names the key, the offending
 * value and what is allowed, so it can be shown to an operator as it is.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the configuration key concerned, or {@code null} when the problem is not about one key
     * @param message the complete message for the operator
     */
    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * @param key the configuration key concerned, or {@code null} when the problem is not about one key
     * @param message the complete message for the operator
     * @param cause the underlying failure
     */
    public ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** Builds the standard message for a value that is not allowed for {@code key}. */
    static ConfigException invalidValue(String key, String rawValue, String allowed) {
        return new ConfigException(key,
                "Invalid value '" + rawValue + "' for configuration key '" + key + "': expected " + allowed);
    }

    /** The configuration key concerned, or {@code null} when the problem is not about one key. */
    public String key() {
        return key;
    }
}
