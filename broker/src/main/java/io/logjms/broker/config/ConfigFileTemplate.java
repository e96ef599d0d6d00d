package io.logjms.broker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a broker properties file listing every key of {@link BrokerConfigKeys#ALL}, commented out, with
 * what it means, the values it allows and its default: the {@code config/broker.properties} of the
 * distribution, generated from the key declarations at build time so it cannot fall behind them.
 */
public final class ConfigFileTemplate {
    private static final int WIDTH = 100;

    private ConfigFileTemplate() {
    }

    /** Writes the template of {@link BrokerConfigKeys#ALL} to the file named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ConfigFileTemplate <output file>");
        }
        Path out = Path.of(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, render(BrokerConfigKeys.ALL), StandardCharsets.UTF_8);
    }

    /** The template: a header, then per key its documentation and allowed values as comments and {@code #key=default}. */
    public static String render(List<ConfigKey<?>> keys) {
        StringBuilder sb = new StringBuilder();
        sb.append("# logjms broker configuration: bin/logjms-broker --config config/broker.properties\n");
        sb.append("# (the distribution's launcher reads this file when no --config is given).\n");
        sb.append("# Every key is listed with its default; remove the '#' in front of a key to change it.\n");
        sb.append("# --port, --host and --data-dir on the command line override port, host and data.dir.\n");
        for (ConfigKey<?> key : keys) {
            sb.append('\n');
            wrap(sb, key.documentation());
            wrap(sb, "Allowed: " + key.allowed() + ".");
            sb.append('#').append(key.name()).append('=').append(escape(formattedDefault(key))).append('\n');
        }
        return sb.toString();
    }

    private static <T> String formattedDefault(ConfigKey<T> key) {
        return key.format(key.defaultValue());
    }

    /** Comment lines of at most {@link #WIDTH} characters, broken between words. */
    private static void wrap(StringBuilder sb, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split("\\s+")) {
            if (line.length() > 1 && line.length() + 1 + word.length() > WIDTH) {
                sb.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        sb.append(line).append('\n');
    }

    /** Properties-file escaping of a value: backslashes, and a leading space. */
    private static String escape(String value) {
        String escaped = value.replace("\\", "\\\\");
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }
}
