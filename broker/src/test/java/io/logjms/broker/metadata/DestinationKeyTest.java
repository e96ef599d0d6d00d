package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationNames;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DestinationKeyTest {

    @Test
    void logNameCombinesKindAndNameAndParsesBack() {
        DestinationKey topic = DestinationKey.topic("orders.eu-west_1");
        DestinationKey queue = DestinationKey.queue("orders.eu-west_1");

        assertThat(topic.logName()).isEqualTo("topic.orders.eu-west_1");
        assertThat(queue.logName()).isEqualTo("queue.orders.eu-west_1");
        assertThat(topic).isNotEqualTo(queue);
        assertThat(DestinationKey.fromLogName(topic.logName())).isEqualTo(topic);
        assertThat(DestinationKey.fromLogName(queue.logName())).isEqualTo(queue);
        assertThatThrownBy(() -> DestinationKey.fromLogName("orders")).isInstanceOf(InvalidMetadataException.class);
    }

    @Test
    void namesOutsideTheSafeSetAreRejected() {
        for (String bad : List.of("", ".", "..", "a/b", "a\\b", "a b", "caf\u00e9", "x:y", "a*", "x".repeat(241))) {
            assertThat(DestinationNames.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> DestinationKey.topic(bad))
                    .isInstanceOf(InvalidMetadataException.class)
                    .hasMessageContaining(DestinationNames.RULE);
        }
        assertThat(DestinationNames.isValid(null)).isFalse();
        assertThat(DestinationNames.isValid("x".repeat(240))).isTrue();
        assertThat(DestinationNames.isValid("...")).isTrue();
    }

    @Test
    void keysOrderByKindThenName() {
        TreeSet<DestinationKey> keys = new TreeSet<>(List.of(DestinationKey.queue("a"), DestinationKey.topic("b"),
                DestinationKey.topic("a")));

        assertThat(keys).containsExactly(DestinationKey.topic("a"), DestinationKey.topic("b"),
                DestinationKey.queue("a"));
    }
}
