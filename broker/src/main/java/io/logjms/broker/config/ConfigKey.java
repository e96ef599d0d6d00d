package io.logjms.broker.config;

import java.util.Objects;

/**
 * One configuration key: its name, type, default value, documentation and the rule its values must satisfy.
 * Keys are compared by identity; all of the broker's keys are constants in {@link BrokerConfigKeys}.
 * Immutable and thread-safe.
 *
 * @param <T> the Java type of the key's value
 */
public final class ConfigKey<T> {
    private final String name;
    private final ConfigType<T> type;
    private final T defaultValue;
    private final ConfigValidator<T> validator;
    private final String documentation;

    private ConfigKey(String name, ConfigType<T> type, T defaultValue, ConfigValidator<T> validator,
                      String documentation) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.validator = Objects.requireNonNull(validator);
        this.documentation = Objects.requireNonNull(documentation);
    }

    /**
     * Defines a key.
     *
     * @throws IllegalArgumentException if the default value itself is not allowed by the validator
     */
    public static <T> ConfigKey<T> of(String name, ConfigType<T> type, T defaultValue, ConfigValidator<T> validator,
                                      String documentation) {
        ConfigKey<T> key = new ConfigKey<>(name, type, defaultValue, validator, documentation);
        if (!validator.isValid(defaultValue)) {
            throw new IllegalArgumentException("default of " + name + " is not allowed: " + defaultValue);
        }
        return key;
    }

    /** The key as written in a configuration file, e.g. {@code max.frame.bytes}. */
    public String name() {
        return name;
    }

    /** The value's type. */
    public ConfigType<T> type() {
        return type;
    }

    /** The value used when a configuration does not set this key. */
    public T defaultValue() {
        return defaultValue;
    }

    /** What the key means, one or two sentences. */
    public String documentation() {
        return documentation;
    }

    /** The allowed values as a phrase, e.g. {@code an integer in 0..65535}. */
    public String allowed() {
        String range = validator.description();
        return range.isEmpty() ? type.expected() : type.expected() + " " + range;
    }

    /**
     * Parses and validates a value as written in a configuration; surrounding whitespace is ignored.
     *
     * @throws ConfigException naming this key, the text and the allowed values
     */
    public T parse(String text) {
        Objects.requireNonNull(text, "text");
        T value;
        try {
            value = type.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalidValue(name, text, allowed());
        }
        if (!validator.isValid(value)) {
            throw ConfigException.invalidValue(name, text, allowed());
        }
        return value;
    }

    /**
     * Checks a typed value against this key's rule.
     *
     * @return the value
     * @throws ConfigException naming this key, the value and the allowed values
     */
    public T validate(T value) {
        Objects.requireNonNull(value, () -> "value of " + name);
        if (!validator.isValid(value)) {
            throw ConfigException.invalidValue(name, type.format(value), allowed());
        }
        return value;
    }

    /** Whether {@code value} is allowed for this key. */
    public boolean isValid(T value) {
        return value != null && validator.isValid(value);
    }

    /** Writes a value as it would appear in a configuration file. */
    public String format(T value) {
        return type.format(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
