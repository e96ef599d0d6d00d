package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.provider.LogJmsProperties;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;

/**
 * Where a received message is stored: logjms stamps its partition and offset as provider properties
 * ({@code JMS_LogJMS_Partition}, {@code JMS_LogJMS_Offset}); Artemis has no such position.
 */
class LogPositionPropertiesTest extends QueueVsLogScenario {

    private static final int COUNT = 3;

    @ProviderTest
    @DisplayName("8 received messages carry JMS_LogJMS_Partition and JMS_LogJMS_Offset")
    void receivedMessagesTellWhereTheyAreStored(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        Session session = session(provider);
        Queue queue = session.createQueue(unique("positions"));
        sendTexts(session, queue, "p", COUNT);
        List<Message> received = receive(session.createConsumer(queue), COUNT);

        List<Object> partitions = new ArrayList<>();
        List<Object> offsets = new ArrayList<>();
        boolean anyExists = false;
        for (Message message : received) {
            partitions.add(message.getObjectProperty(LogJmsProperties.PARTITION));
            offsets.add(message.getObjectProperty(LogJmsProperties.OFFSET));
            anyExists |= message.propertyExists(LogJmsProperties.PARTITION)
                    || message.propertyExists(LogJmsProperties.OFFSET);
        }

        if (isLogJms(provider)) {
            observe(reporter, "partitions " + partitions + " (" + typeOf(partitions) + "), offsets " + offsets
                    + " (" + typeOf(offsets) + ")");
            assertThat(partitions).as("an int partition, the queue has one").containsOnly(0);
            assertThat(offsets).as("long offsets in send order").containsExactly(0L, 1L, 2L);
            assertThat(received.get(0).getIntProperty(LogJmsProperties.PARTITION)).isZero();
            assertThat(received.get(2).getLongProperty(LogJmsProperties.OFFSET)).isEqualTo(2L);
        } else {
            observe(reporter, "no such properties: propertyExists " + anyExists + ", values " + partitions + " / "
                    + offsets);
            assertThat(anyExists).isFalse();
            assertThat(partitions).containsOnlyNulls();
            assertThat(offsets).containsOnlyNulls();
        }
    }

    private static String typeOf(List<Object> values) {
        return values.stream().map(v -> v == null ? "null" : v.getClass().getSimpleName()).distinct()
                .reduce((a, b) -> a + "," + b).orElse("none");
    }
}
