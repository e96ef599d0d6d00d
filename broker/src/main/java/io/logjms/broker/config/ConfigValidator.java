package io.logjms.broker.config;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A rule a single configuration value must satisfy, with a description of the allowed values that reads on from
 * the type's phrase in an error message ("an integer" + " in 0..65535"). Immutable and thread-safe.
 *
 * @param <T> the Java type of the value
 */
public final class ConfigValidator<T> {
    private final Predicate<T> test;
    private final String description;

    private ConfigValidator(Predicate<T> test, String description) {
        this.test = Objects.requireNonNull(test);
        this.description = Objects.requireNonNull(description);
    }

    /** A validator with a custom test; {@code description} names the allowed values, e.g. "that is not blank". */
    public static <T> ConfigValidator<T> of(Predicate<T> test, String description) {
        return new ConfigValidator<>(test, description);
    }

    /** Accepts every value of the type. */
    public static <T> ConfigValidator<T> any() {
        return new ConfigValidator<>(value -> true, "");
    }

    /** Accepts values from {@code min} to {@code max}, both included. */
    public static <T extends Comparable<T>> ConfigValidator<T> between(T min, T max) {
        return new ConfigValidator<>(v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0, "in " + min + ".." + max);
    }

    /** Accepts values greater than or equal to {@code min}. */
    public static <T extends Comparable<T>> ConfigValidator<T> atLeast(T min) {
        return new ConfigValidator<>(v -> v.compareTo(min) >= 0, ">= " + min);
    }

    /** Accepts strings that contain something other than whitespace. */
    public static ConfigValidator<String> notBlank() {
        return new ConfigValidator<>(s -> !s.isBlank(), "that is not blank");
    }

    /** Whether {@code value} is allowed. */
    public boolean isValid(T value) {
        return test.test(value);
    }

    /** The allowed values as a phrase following the type's phrase; empty when every value is allowed. */
    public String description() {
        return description;
    }
}
