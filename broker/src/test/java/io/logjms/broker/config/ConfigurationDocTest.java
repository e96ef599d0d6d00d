package io.logjms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/CONFIGURATION.md and {@link BrokerConfigKeys} in step. */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("../docs/CONFIGURATION.md");
    /** A row of the keys table: | `key` | type | default | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|([^|]*)\\|.*$");

    record Row(String type, String defaultValue) {
    }

    private static Map<String, Row> documentedKeys() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                String defaultCell = m.group(3).strip();
                String defaultValue = defaultCell.equals("(empty)") ? "" : defaultCell.replace("`", "");
                assertThat(rows.put(m.group(1), new Row(m.group(2).strip(), defaultValue)))
                        .as("key %s documented twice", m.group(1)).isNull();
            }
        }
        return rows;
    }

    @Test
    void docListsExactlyTheExistingKeys() throws IOException {
        List<String> keyNames = BrokerConfigKeys.ALL.stream().map(ConfigKey::name).toList();

        assertThat(documentedKeys().keySet())
                .as("keys in %s", DOC)
                .containsExactlyInAnyOrderElementsOf(keyNames);
    }

    @Test
    void docShowsEachKeysTypeAndDefault() throws IOException {
        Map<String, Row> documented = documentedKeys();

        for (ConfigKey<?> key : BrokerConfigKeys.ALL) {
            Row row = documented.get(key.name());
            assertThat(row).as("row of %s", key).isNotNull();
            assertThat(row.type()).as("type of %s", key).isEqualTo(key.type().name());
            assertThat(row.defaultValue()).as("default of %s", key).isEqualTo(formattedDefault(key));
        }
    }

    private static <T> String formattedDefault(ConfigKey<T> key) {
        return key.format(key.defaultValue());
    }

    @Test
    void docExplainsHowTheFileIsPassed() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        assertThat(doc).contains("bin/logjms-broker --config FILE", "--port", "--data-dir", "{sha256}");
    }
}
