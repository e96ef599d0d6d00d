package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.LogJmsQueue;
import io.logjms.provider.LogJmsTemporaryTopic;
import io.logjms.provider.LogJmsTopic;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessageHeaderFieldsTest {

    @Test
    void headerFieldsSurviveTheWire() throws JMSException {
        LogJmsMessage sent = new LogJmsMessage();
        sent.setJMSMessageID("ID:42");
        sent.setJMSTimestamp(1_700_000_000_000L);
        sent.setJMSCorrelationID("corr-1");
        sent.setJMSType("order");
        sent.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        sent.setJMSPriority(8);
        sent.setJMSExpiration(1_700_000_060_000L);
        sent.setJMSDeliveryTime(1_700_000_001_000L);
        sent.setJMSDestination(new LogJmsQueue("orders"));
        sent.setJMSReplyTo(new LogJmsTemporaryTopic("replies-1"));

        LogJmsMessage received = TestMessages.received(sent);

        assertThat(received.getJMSMessageID()).isEqualTo("ID:42");
        assertThat(received.getJMSTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(received.getJMSType()).isEqualTo("order");
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(8);
        assertThat(received.getJMSExpiration()).isEqualTo(1_700_000_060_000L);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(1_700_000_001_000L);
        assertThat(received.getJMSDestination()).isEqualTo(new LogJmsQueue("orders"));
        assertThat(received.getJMSReplyTo()).isEqualTo(new LogJmsTemporaryTopic("replies-1"));
        assertThat(received.getJMSRedelivered()).isFalse();
    }

    @Test
    void aByteCorrelationIdComesBackAsTheSameBytes() throws JMSException {
        LogJmsMessage sent = new LogJmsMessage();
        byte[] id = {(byte) 0xCA, (byte) 0xFE, 0, 1};
        sent.setJMSCorrelationIDAsBytes(id);
        id[0] = 0;

        LogJmsMessage received = TestMessages.received(sent);

        assertThat(received.getJMSCorrelationIDAsBytes()).containsExactly((byte) 0xCA, (byte) 0xFE, 0, 1);
    }

    @Test
    void aStringCorrelationIdReadsAsItsUtf8Bytes() throws JMSException {
        LogJmsMessage message = new LogJmsMessage();
        message.setJMSCorrelationID("abc");

        assertThat(message.getJMSCorrelationIDAsBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headerFieldsOfAReceivedMessageStayWritable() throws JMSException {
        LogJmsMessage received = TestMessages.received(new LogJmsMessage());

        received.setJMSType("changed");
        received.setJMSDestination(new LogJmsTopic("t"));

        assertThat(received.getJMSType()).isEqualTo("changed");
        assertThat(received.getJMSDestination()).isEqualTo(new LogJmsTopic("t"));
    }

    @Test
    void refusesAnInvalidDeliveryModeOrPriority() {
        LogJmsMessage message = new LogJmsMessage();

        assertThatThrownBy(() -> message.setJMSDeliveryMode(0)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> message.setJMSPriority(-1)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> message.setJMSPriority(10)).isInstanceOf(JMSException.class);
    }

    @Test
    void newMessagesHaveTheDefaultHeaderValues() {
        LogJmsMessage message = new LogJmsMessage();

        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(4);
        assertThat(message.getJMSMessageID()).isNull();
        assertThat(message.getJMSDestination()).isNull();
    }

    @Test
    void acknowledgeCallsTheAcknowledgerAndIsANoOpWithoutOne() throws JMSException {
        LogJmsMessage message = new LogJmsMessage();
        message.acknowledge();

        AtomicInteger acknowledgements = new AtomicInteger();
        message.setAcknowledger(acknowledgements::incrementAndGet);
        message.acknowledge();
        message.acknowledge();

        assertThat(acknowledgements).hasValue(2);
    }
}
