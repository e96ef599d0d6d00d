package io.logjms.broker.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a configuration value is written as text and read back: its parser, its formatter and the words used
 * for it in documentation and error messages. Immutable and thread-safe.
 *
 * <p>Parsers receive the value already trimmed. Sizes are plain integers counting bytes and durations plain
 * integers counting milliseconds; no unit suffixes are accepted.
 *
 * @param <T> the Java type of the value
 */
public final class ConfigType<T> {

    /** A 32-bit signed integer. */
    public static final ConfigType<Integer> INT =
            new ConfigType<>("int", "an integer", Integer::valueOf, String::valueOf);
    /** A 64-bit signed integer. */
    public static final ConfigType<Long> LONG =
            new ConfigType<>("long", "an integer", Long::valueOf, String::valueOf);
    /** A number of bytes, written as a plain integer. */
    public static final ConfigType<Long> SIZE =
            new ConfigType<>("size (bytes)", "a whole number of bytes", Long::valueOf, String::valueOf);
    /** A duration in milliseconds, written as a plain integer. */
    public static final ConfigType<Long> DURATION =
            new ConfigType<>("duration (ms)", "a whole number of milliseconds", Long::valueOf, String::valueOf);
    /** {@code true} or {@code false}, in any letter case. */
    public static final ConfigType<Boolean> BOOLEAN =
            new ConfigType<>("boolean", "true or false", ConfigType::parseBoolean, String::valueOf);
    /** Any text; surrounding whitespace is removed. */
    public static final ConfigType<String> STRING =
            new ConfigType<>("string", "a string", Function.identity(), Function.identity());
    /** A file system path, relative paths being resolved against the broker's working directory. */
    public static final ConfigType<Path> PATH =
            new ConfigType<>("path", "a file system path", ConfigType::parsePath, Path::toString);
    /** A file system path or nothing: the empty value means "not set". */
    public static final ConfigType<Optional<Path>> OPTIONAL_PATH = new ConfigType<>("path (optional)",
            "a file system path or nothing",
            text -> text.isEmpty() ? Optional.empty() : Optional.of(parsePath(text)),
            value -> value.map(Path::toString).orElse(""));

    private final String name;
    private final String expected;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private ConfigType(String name, String expected, Function<String, T> parser, Function<T, String> formatter) {
        this.name = name;
        this.expected = expected;
        this.parser = parser;
        this.formatter = formatter;
    }

    /**
     * An enumeration written as lower-case words with {@code -} for {@code _}, e.g. {@code EVERY_BATCH} as
     * {@code every-batch}; words are matched ignoring letter case.
     */
    public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> enumClass) {
        E[] constants = enumClass.getEnumConstants();
        String words = Arrays.stream(constants).map(ConfigType::word).collect(Collectors.joining(", "));
        Function<String, E> parser = text -> Arrays.stream(constants)
                .filter(c -> word(c).equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown word " + text));
        return new ConfigType<>("enum", "one of " + words, parser, ConfigType::word);
    }

    private static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    private static Path parsePath(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The type's name as shown in documentation, e.g. {@code size (bytes)}. */
    public String name() {
        return name;
    }

    /** What a value of this type looks like, as a phrase for error messages, e.g. {@code an integer}. */
    public String expected() {
        return expected;
    }

    /**
     * Parses trimmed text.
     *
     * @throws IllegalArgumentException if the text is not a value of this type
     */
    public T parse(String trimmedText) {
        T value = parser.apply(trimmedText);
        return Objects.requireNonNull(value);
    }

    /** Writes a value as it would appear in a configuration file. */
    public String format(T value) {
        return formatter.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
