package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.message.DestinationKind;
import io.logjms.protocol.message.DestinationRef;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogJmsDestinationTest {

    @Test
    void equalityIsByKindAndName() {
        assertThat(new LogJmsQueue("a")).isEqualTo(new LogJmsQueue("a")).hasSameHashCodeAs(new LogJmsQueue("a"));
        assertThat(new LogJmsQueue("a")).isNotEqualTo(new LogJmsTopic("a"));
        assertThat(new LogJmsQueue("a")).isNotEqualTo(new LogJmsTemporaryQueue("a"));
        assertThat(new LogJmsQueue("a")).isNotEqualTo(new LogJmsQueue("b"));
        assertThat(new LogJmsTemporaryTopic("t", destination -> { })).isEqualTo(new LogJmsTemporaryTopic("t"));
    }

    @Test
    void toStringShowsKindAndName() {
        assertThat(new LogJmsQueue("orders")).hasToString("queue://orders");
        assertThat(new LogJmsTopic("news")).hasToString("topic://news");
        assertThat(new LogJmsTemporaryQueue("q1")).hasToString("temp-queue://q1");
        assertThat(new LogJmsTemporaryTopic("t1")).hasToString("temp-topic://t1");
    }

    @Test
    void namesAreExposedThroughTheJmsInterfaces() throws JMSException {
        assertThat(new LogJmsQueue("orders").getQueueName()).isEqualTo("orders");
        assertThat(new LogJmsTopic("news").getTopicName()).isEqualTo("news");
        assertThat(new LogJmsTemporaryQueue("q1").getQueueName()).isEqualTo("q1");
        assertThat(new LogJmsTemporaryTopic("t1").getTopicName()).isEqualTo("t1");
    }

    @Test
    void convertsToAndFromReferences() {
        for (LogJmsDestination destination : List.of(new LogJmsQueue("q"), new LogJmsTopic("t"),
                new LogJmsTemporaryQueue("tq"), new LogJmsTemporaryTopic("tt"))) {
            DestinationRef ref = destination.toRef();
            assertThat(ref.name()).isEqualTo(destination.name());
            assertThat(LogJmsDestination.fromRef(ref)).isEqualTo(destination)
                    .isExactlyInstanceOf(destination.getClass());
        }
        assertThat(new LogJmsTemporaryTopic("tt").toRef().kind()).isEqualTo(DestinationKind.TEMP_TOPIC);
    }

    @Test
    void temporaryDestinationsDeleteThroughTheirConnection() throws JMSException {
        List<LogJmsDestination> deleted = new ArrayList<>();
        LogJmsTemporaryQueue queue = new LogJmsTemporaryQueue("tq", deleted::add);
        LogJmsTemporaryTopic topic = new LogJmsTemporaryTopic("tt", deleted::add);

        queue.delete();
        topic.delete();

        assertThat(deleted).containsExactly(queue, topic);
    }

    @Test
    void aTemporaryDestinationWithoutItsConnectionCannotBeDeleted() {
        assertThatThrownBy(() -> new LogJmsTemporaryQueue("tq").delete())
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("temp-queue://tq");
    }

    @Test
    void aDeleterFailureReachesTheCaller() {
        LogJmsTemporaryTopic topic = new LogJmsTemporaryTopic("tt", destination -> {
            throw new JMSException("consumers still active");
        });

        assertThatThrownBy(topic::delete).hasMessage("consumers still active");
    }

    @Test
    void refusesAnEmptyName() {
        assertThatThrownBy(() -> new LogJmsQueue("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogJmsTopic(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void serializesWithoutItsDeleter() throws IOException, ClassNotFoundException {
        LogJmsTemporaryQueue queue = new LogJmsTemporaryQueue("tq", destination -> { });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(queue);
            out.writeObject(new LogJmsTopic("news"));
        }

        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LogJmsTemporaryQueue copy = (LogJmsTemporaryQueue) in.readObject();
            assertThat(copy).isEqualTo(queue);
            assertThatThrownBy(copy::delete).isInstanceOf(InvalidDestinationException.class);
            assertThat(in.readObject()).isEqualTo(new LogJmsTopic("news"));
        }
    }
}
