package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Jakarta Messaging 3.1 chapter 3.4: message header fields, as set by send and seen by the receiver. */
class MessageHeadersTest extends JmsScenario {

    @ProviderTest
    void sendAssignsMessageIdStartingWithIdPrefix(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        TextMessage sent = session.createTextMessage("id");
        session.createProducer(queue).send(sent);

        Message received = receive(session.createConsumer(queue));

        assertThat(sent.getJMSMessageID()).startsWith("ID:");
        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
    }

    @ProviderTest
    void everySentMessageGetsItsOwnMessageId(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            TextMessage message = session.createTextMessage("m" + i);
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        MessageConsumer consumer = session.createConsumer(queue);
        Set<String> receivedIds = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            receivedIds.add(receive(consumer).getJMSMessageID());
        }

        assertThat(ids).hasSize(5);
        assertThat(receivedIds).isEqualTo(ids);
    }

    @ProviderTest
    void sendSetsDestinationAndIgnoresTheValueTheClientSet(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Queue other = newQueue(session);
        Message sent = session.createMessage();
        sent.setJMSDestination(other);
        session.createProducer(queue).send(sent);

        Message received = receive(session.createConsumer(queue));

        assertThat(sent.getJMSDestination()).isEqualTo(queue);
        assertThat(received.getJMSDestination()).isInstanceOf(Queue.class);
        assertThat(((Queue) received.getJMSDestination()).getQueueName()).isEqualTo(queue.getQueueName());
    }

    @ProviderTest
    void timestampIsTheTimeOfTheSendCall(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message sent = session.createMessage();
        long before = System.currentTimeMillis();
        session.createProducer(queue).send(sent);
        long after = System.currentTimeMillis();

        Message received = receive(session.createConsumer(queue));

        assertThat(sent.getJMSTimestamp()).isBetween(before, after);
        assertThat(received.getJMSTimestamp()).isEqualTo(sent.getJMSTimestamp());
    }

    @ProviderTest
    void headersSetByTheClientBeforeSendAreReplacedBySend(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message sent = session.createMessage();
        sent.setJMSMessageID("ID:set-by-client");
        sent.setJMSTimestamp(1L);
        sent.setJMSPriority(9);
        sent.setJMSExpiration(1L);
        sent.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        session.createProducer(queue).send(sent);

        Message received = receive(session.createConsumer(queue));

        assertThat(received.getJMSMessageID()).isNotEqualTo("ID:set-by-client");
        assertThat(received.getJMSTimestamp()).isGreaterThan(1L);
        assertThat(received.getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(received.getJMSExpiration()).isZero();
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
    }

    @ProviderTest
    void stringCorrelationIdIsCarriedToTheReceiver(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message sent = session.createMessage();
        sent.setJMSCorrelationID("order-4711");
        session.createProducer(queue).send(sent);

        Message received = receive(session.createConsumer(queue));

        assertThat(received.getJMSCorrelationID()).isEqualTo("order-4711");
    }

    @ProviderTest
    void byteCorrelationIdIsCarriedToTheReceiver(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        byte[] correlation = "corr-\u00e9".getBytes(StandardCharsets.UTF_8);
        Message sent = session.createMessage();
        sent.setJMSCorrelationIDAsBytes(correlation);
        session.createProducer(queue).send(sent);

        Message received = receive(session.createConsumer(queue));

        assertThat(received.getJMSCorrelationIDAsBytes()).isEqualTo(correlation);
    }

    @ProviderTest
    void replyToCarriesQueuesTopicsAndTemporaryQueues(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Queue replyQueue = newQueue(session);
        Topic replyTopic = newTopic(session);
        TemporaryQueue replyTemporary = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(queue);
        for (jakarta.jms.Destination replyTo : new jakarta.jms.Destination[] {replyQueue, replyTopic, replyTemporary}) {
            Message message = session.createMessage();
            message.setJMSReplyTo(replyTo);
            producer.send(message);
        }
        MessageConsumer consumer = session.createConsumer(queue);

        assertThat(((Queue) receive(consumer).getJMSReplyTo()).getQueueName()).isEqualTo(replyQueue.getQueueName());
        assertThat(((Topic) receive(consumer).getJMSReplyTo()).getTopicName()).isEqualTo(replyTopic.getTopicName());
        Message third = receive(consumer);
        assertThat(third.getJMSReplyTo()).isInstanceOf(TemporaryQueue.class);
        assertThat(((Queue) third.getJMSReplyTo()).getQueueName()).isEqualTo(replyTemporary.getQueueName());
    }

    @ProviderTest
    void messageWithoutReplyToHasNullReplyTo(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        session.createProducer(queue).send(session.createMessage());

        Message received = receive(session.createConsumer(queue));

        assertThat(received.getJMSReplyTo()).isNull();
        assertThat(received.getJMSCorrelationID()).isNull();
        assertThat(received.getJMSType()).isNull();
    }

    @ProviderTest
    void typeIsCarriedToTheReceiver(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message sent = session.createMessage();
        sent.setJMSType("com.example.OrderPlaced");
        session.createProducer(queue).send(sent);

        assertThat(receive(session.createConsumer(queue)).getJMSType()).isEqualTo("com.example.OrderPlaced");
    }

    @ProviderTest
    void deliveryModeIsTakenFromTheProducer(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("persistent"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        Message nonPersistent = session.createTextMessage("non-persistent");
        producer.send(nonPersistent);
        MessageConsumer consumer = session.createConsumer(queue);

        assertThat(receive(consumer).getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(nonPersistent.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(receive(consumer).getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @ProviderTest
    void expirationIsZeroWithoutTimeToLive(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message sent = session.createMessage();
        session.createProducer(queue).send(sent);

        assertThat(sent.getJMSExpiration()).isZero();
        assertThat(receive(session.createConsumer(queue)).getJMSExpiration()).isZero();
    }

    @ProviderTest
    void expirationIsSendTimePlusTimeToLive(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(60_000);
        Message sent = session.createMessage();
        long before = System.currentTimeMillis();
        producer.send(sent);
        long after = System.currentTimeMillis();

        Message received = receive(session.createConsumer(queue));

        assertThat(sent.getJMSExpiration()).isBetween(before + 60_000, after + 60_000);
        assertThat(received.getJMSExpiration()).isEqualTo(sent.getJMSExpiration());
    }

    @ProviderTest
    void priorityDefaultsToFourAndFollowsTheProducer(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createMessage());
        producer.send(session.createMessage(), DeliveryMode.PERSISTENT, 7, 0);
        MessageConsumer consumer = session.createConsumer(queue);

        assertThat(receive(consumer).getJMSPriority()).isEqualTo(7);
        assertThat(receive(consumer).getJMSPriority()).isEqualTo(4);
    }

    @ProviderTest
    void firstDeliveryIsNotMarkedRedelivered(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        session.createProducer(queue).send(session.createMessage());

        Message received = receive(session.createConsumer(queue));

        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @ProviderTest
    void deliveryTimeIsSendTimeWithoutDeliveryDelay(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.DELIVERY_TIME_UNSET_WITHOUT_DELAY);
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message sent = session.createMessage();
        session.createProducer(queue).send(sent);

        Message received = receive(session.createConsumer(queue));

        assertThat(sent.getJMSDeliveryTime()).isEqualTo(sent.getJMSTimestamp());
        assertThat(received.getJMSDeliveryTime()).isEqualTo(sent.getJMSTimestamp());
    }

    @ProviderTest
    void groupIdAndSequenceAreCarriedToTheReceiver(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message sent = session.createMessage();
        sent.setStringProperty("JMSXGroupID", "customer-17");
        sent.setIntProperty("JMSXGroupSeq", 3);
        session.createProducer(queue).send(sent);

        Message received = receive(session.createConsumer(queue));

        assertThat(received.getStringProperty("JMSXGroupID")).isEqualTo("customer-17");
        assertThat(received.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
    }

    @ProviderTest
    void changingASentMessageDoesNotChangeWhatWasSent(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        TextMessage message = session.createTextMessage("original");
        message.setStringProperty("version", "1");
        session.createProducer(queue).send(message);
        message.setText("changed");
        message.setStringProperty("version", "2");

        TextMessage received = (TextMessage) receive(session.createConsumer(queue));

        assertThat(received.getText()).isEqualTo("original");
        assertThat(received.getStringProperty("version")).isEqualTo("1");
    }
}
