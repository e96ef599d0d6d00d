package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TopicPartitionTest {

    @Test
    void plainNamesKeepTheirSpelling() {
        assertThat(new TopicPartition("orders", 0).directoryName()).isEqualTo("orders-0");
        assertThat(new TopicPartition("eu.orders_v2-x", 12).directoryName()).isEqualTo("eu.orders_v2-x-12");
        assertThat(TopicPartition.fromDirectoryName("eu.orders_v2-x-12"))
                .contains(new TopicPartition("eu.orders_v2-x", 12));
    }

    @Test
    void namesThatCouldEscapeTheDataDirectoryAreEncoded() {
        assertThat(new TopicPartition("..", 0).directoryName()).isEqualTo("%2E.-0");
        assertThat(new TopicPartition(".", 1).directoryName()).isEqualTo("%2E-1");
        assertThat(new TopicPartition("../../etc/passwd", 0).directoryName()).isEqualTo("%2E.%2F..%2Fetc%2Fpasswd-0");
        assertThat(new TopicPartition("a\\b", 0).directoryName()).isEqualTo("a%5Cb-0");
        assertThat(new TopicPartition("queue://café", 0).directoryName()).isEqualTo("queue%3A%2F%2Fcaf%C3%A9-0");
        assertThat(new TopicPartition("100%", 0).directoryName()).isEqualTo("100%25-0");
    }

    @Test
    void rejectsInvalidNames() {
        assertThatThrownBy(() -> new TopicPartition("", 0)).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> new TopicPartition("a\nb", 0)).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> new TopicPartition("x".repeat(250), 0)).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> new TopicPartition("é".repeat(100), 0)).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("encoded");
        assertThatThrownBy(() -> new TopicPartition("t", -1)).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> new TopicPartition("a\uD800b", 0)).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("surrogate");
    }

    @Test
    void otherDirectoryNamesAreNotPartitions() {
        assertThat(TopicPartition.fromDirectoryName("orders")).isEmpty();
        assertThat(TopicPartition.fromDirectoryName("orders-")).isEmpty();
        assertThat(TopicPartition.fromDirectoryName("-1")).isEmpty();
        assertThat(TopicPartition.fromDirectoryName("orders-01")).isEmpty();
        assertThat(TopicPartition.fromDirectoryName("orders-99999999999")).isEmpty();
        assertThat(TopicPartition.fromDirectoryName("orders-0.deleting")).isEmpty();
        assertThat(TopicPartition.fromDirectoryName("a%2fb-0")).as("not canonical").isEmpty();
        assertThat(TopicPartition.fromDirectoryName("a%2-0")).isEmpty();
        assertThat(TopicPartition.fromDirectoryName(".hidden-0")).isEmpty();
    }

    @Property(tries = 300)
    void anyTopicMapsToOneDirectoryInsideTheDataDirectoryAndBack(
            @ForAll @StringLength(min = 1, max = 26) String topic, @ForAll @IntRange(min = 0) int partition) {
        boolean wellFormed = new String(topic.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(topic);
        if (topic.chars().anyMatch(Character::isISOControl) || !wellFormed) {
            assertThatThrownBy(() -> new TopicPartition(topic, partition)).isInstanceOf(InvalidTopicException.class);
            return;
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        String name = tp.directoryName();
        Path data = Path.of("/data");

        assertThat(data.resolve(name).normalize().getParent()).isEqualTo(data);
        assertThat(name).doesNotStartWith(".").doesNotContain("/").doesNotContain("\\");
        assertThat(TopicPartition.fromDirectoryName(name)).isEqualTo(Optional.of(tp));
    }
}
