package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.api.StartPosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DestinationOptionsTest {

    @Test
    void aPlainNameHasNoOptions() {
        LogJmsTopic topic = new LogJmsTopic("orders");
        assertThat(topic.options().hasStart()).isFalse();
        assertThat(topic.options().start(StartPosition.LATEST)).isEqualTo(StartPosition.LATEST);
        assertThat(topic.getTopicName()).isEqualTo("orders");
    }

    @Test
    void startEarliestAndLatestAreReadCaseInsensitively() {
        assertThat(new LogJmsTopic("orders?start=earliest").options().start(StartPosition.LATEST))
                .isEqualTo(StartPosition.EARLIEST);
        assertThat(new LogJmsTopic("orders?start=EARLIEST").options().start(StartPosition.LATEST))
                .isEqualTo(StartPosition.EARLIEST);
        assertThat(new LogJmsTopic("orders?start=latest").options().start(StartPosition.EARLIEST))
                .isEqualTo(StartPosition.LATEST);
    }

    @Test
    void startAtAnInstantCarriesItsEpochMillis() {
        DestinationOptions options = new LogJmsTopic("orders?start=2026-12-01T10:15:30.250Z").options();
        assertThat(options.start(StartPosition.LATEST)).isEqualTo(StartPosition.TIMESTAMP);
        assertThat(options.startTimestamp()).isEqualTo(Instant.parse("2026-12-01T10:15:30.250Z").toEpochMilli());
    }

    @Test
    void optionsShapeSubscriptionsButNotTheDestinationsIdentity() {
        LogJmsTopic withOptions = new LogJmsTopic("orders?start=earliest");
        assertThat(withOptions.name()).isEqualTo("orders");
        assertThat(withOptions.getTopicName()).isEqualTo("orders?start=earliest");
        assertThat(withOptions.toString()).isEqualTo("topic://orders?start=earliest");
        assertThat(withOptions).isEqualTo(new LogJmsTopic("orders")).hasSameHashCodeAs(new LogJmsTopic("orders"));
        assertThat(withOptions.toRef().name()).isEqualTo("orders");
    }

    @Test
    void unknownRepeatedEmptyOrMalformedOptionsNameTheProblem() {
        assertThatThrownBy(() -> new LogJmsTopic("orders?begin=earliest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option 'begin'");
        assertThatThrownBy(() -> new LogJmsTopic("orders?start=earliest&start=latest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new LogJmsTopic("orders?"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no option");
        assertThatThrownBy(() -> new LogJmsTopic("orders?start=soon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> new LogJmsTopic("orders?start"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> new LogJmsTopic("?start=earliest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void optionsSurviveSerialization() throws Exception {
        LogJmsTopic topic = new LogJmsTopic("orders?start=2026-01-01T00:00:00Z");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(topic);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LogJmsTopic copy = (LogJmsTopic) in.readObject();
            assertThat(copy.getTopicName()).isEqualTo("orders?start=2026-01-01T00:00:00Z");
            assertThat(copy.options().startTimestamp()).isEqualTo(topic.options().startTimestamp());
        }
    }
}
