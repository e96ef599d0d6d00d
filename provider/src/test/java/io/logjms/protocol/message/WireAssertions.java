package io.logjms.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Comparisons of decoded body values, which may hold byte arrays. */
final class WireAssertions {
    private WireAssertions() {
    }

    static void assertSameValues(List<?> actual, List<?> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Objects.deepEquals(actual.get(i), expected.get(i)))
                    .as("value %d: %s vs %s", i, actual.get(i), expected.get(i))
                    .isTrue();
        }
    }

    static void assertSameEntries(Map<String, ?> actual, Map<String, ?> expected) {
        assertThat(new ArrayList<>(actual.keySet())).containsExactlyElementsOf(expected.keySet());
        assertSameValues(new ArrayList<>(actual.values()), new ArrayList<>(expected.values()));
    }
}
