package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void scalars() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write(42)).isEqualTo("42");
        assertThat(Json.write(-9_007_199_254_740_993L)).isEqualTo("-9007199254740993");
        assertThat(Json.write(1.5)).isEqualTo("1.5");
        assertThat(Json.write(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Json.write("plain")).isEqualTo("\"plain\"");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(Json.write("a\"b\\c\nd\re\tf\bg\fh\u0001i\u2028j"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u2028j\"");
        assertThat(Json.write("ünïcødé €")).isEqualTo("\"ünïcødé €\"");
    }

    @Test
    void nestedObjectsAndArraysAreIndentedInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", null);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "orders");
        root.put("list", List.of(inner, List.of()));
        root.put("empty", Map.of());
        assertThat(Json.write(root)).isEqualTo("""
                {
                  "name": "orders",
                  "list": [
                    {
                      "z": 1,
                      "a": null
                    },
                    []
                  ],
                  "empty": {}
                }""");
    }

    @Test
    void nullsInsideListsAreWritten() {
        assertThat(Json.write(Arrays.asList("a", null))).isEqualTo("[\n  \"a\",\n  null\n]");
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("no JSON form for java.lang.Object");
        assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessageContaining("JSON has no form for NaN");
        assertThatThrownBy(() -> Json.write(Double.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
    }
}
