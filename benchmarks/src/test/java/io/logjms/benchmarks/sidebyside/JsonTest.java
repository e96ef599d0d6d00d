package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedMapsAndListsIndentedInKeyOrder() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("b", 1);
        root.put("a", List.of(true, 2.5, "x"));
        root.put("empty", List.of());
        root.put("none", null);

        assertThat(Json.write(root)).isEqualTo("""
                {
                  "b": 1,
                  "a": [
                    true,
                    2.5,
                    "x"
                  ],
                  "empty": [],
                  "none": null
                }
                """);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"\n");
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertThat(Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY))).isEqualTo("[\n  null,\n  null\n]\n");
    }

    @Test
    void otherTypesAreRejected() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportHoldsSettingsMeasurementsSummaryAndRatios() {
        BenchSettings settings = Fixtures.settings(List.of(SystemKind.LOGJMS, SystemKind.ARTEMIS, SystemKind.KAFKA),
                List.of(Workload.W1, Workload.W3), 1000, Duration.ofSeconds(2));

        String json = JsonReport.render(settings, Fixtures.threeSystems(), Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("cpus", "2"));

        assertThat(json).contains("\"started\": \"2026-11-25T06:00:00Z\"")
                .contains("\"systems\": [\n      \"logjms\",\n      \"artemis\",\n      \"kafka\"\n    ]")
                .contains("\"durableAgainstPowerLoss\": false")
                .contains("\"w3DurationSeconds\": 2")
                .contains("{\n      \"run\": 2,\n      \"system\": \"artemis\",\n      \"metric\": \"W1.async.msgs\",\n"
                        + "      \"value\": 10000,\n      \"note\": \"\"\n    }")
                .contains("\"median\": 20000,\n      \"min\": 19000,\n      \"max\": 21000")
                .contains("{\n      \"metric\": \"W1.async.msgs\",\n      \"reference\": \"artemis\",\n"
                        + "      \"ratio\": 2,\n      \"favoursLogjms\": true\n    }");
    }
}
