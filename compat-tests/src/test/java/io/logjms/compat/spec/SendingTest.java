package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import io.logjms.compat.logjms.LogJmsProvider;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.LogJmsAdmin;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Jakarta Messaging 3.1 chapter 7: producers, delivery mode, priority, time-to-live, delivery delay, the
 * message ID and timestamp hints and asynchronous send.
 */
class SendingTest extends JmsScenario {

    @ProviderTest
    void producerStartsWithTheSpecificationDefaults(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(newQueue(session));

        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(producer.getTimeToLive()).isEqualTo(Message.DEFAULT_TIME_TO_LIVE);
        assertThat(producer.getDeliveryDelay()).isEqualTo(Message.DEFAULT_DELIVERY_DELAY);
        assertThat(producer.getDisableMessageID()).isFalse();
        assertThat(producer.getDisableMessageTimestamp()).isFalse();
    }

    @ProviderTest
    void persistentAndNonPersistentMessagesAreBothDelivered(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("persistent"), DeliveryMode.PERSISTENT, 4, 0);
        producer.send(session.createTextMessage("non-persistent"), DeliveryMode.NON_PERSISTENT, 4, 0);
        MessageConsumer consumer = session.createConsumer(queue);

        Message first = receive(consumer);
        Message second = receive(consumer);

        assertThat(((TextMessage) first).getText()).isEqualTo("persistent");
        assertThat(first.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(((TextMessage) second).getText()).isEqualTo("non-persistent");
        assertThat(second.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @ProviderTest
    void nonPersistentMessagesKeepTheirOrder(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        String[] bodies = numbered("np", 30);
        for (String body : bodies) {
            producer.send(session.createTextMessage(body));
        }

        assertThat(receiveTexts(session.createConsumer(queue), bodies.length)).containsExactly(bodies);
    }

    @ProviderTest
    void sendArgumentsOverrideTheProducerDefaults(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);

        producer.send(session.createTextMessage("override"), DeliveryMode.NON_PERSISTENT, 8, 60_000);
        Message received = receive(session.createConsumer(queue));

        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(8);
        assertThat(received.getJMSExpiration()).isPositive();
        assertThat(producer.getPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
    }

    @ProviderTest
    void higherPriorityMessagesAreDeliveredFirst(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        int[] priorities = {0, 9, 4, 1, 7, 4, 9, 0};
        for (int i = 0; i < priorities.length; i++) {
            producer.send(session.createTextMessage("p" + priorities[i] + "-" + i),
                    DeliveryMode.PERSISTENT, priorities[i], 0);
        }

        MessageConsumer consumer = session.createConsumer(queue);
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            received.add(receive(consumer).getJMSPriority());
        }

        assertThat(received).containsExactly(9, 9, 7, 4, 4, 1, 0, 0);
    }

    @ProviderTest
    void expiredMessagesAreNotDelivered(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        TextMessage shortLived = session.createTextMessage("short-lived");
        producer.send(shortLived, DeliveryMode.PERSISTENT, 4, 100);
        producer.send(session.createTextMessage("long-lived"), DeliveryMode.PERSISTENT, 4, 0);
        await().atMost(AWAIT_TIMEOUT).until(() -> System.currentTimeMillis() > shortLived.getJMSExpiration() + 50);

        MessageConsumer consumer = session.createConsumer(queue);

        assertThat(receiveText(consumer)).isEqualTo("long-lived");
        assertNoMessage(consumer);
    }

    @ProviderTest
    void expiredMessagesAreNeverDeliveredAndStayWhereTheProviderKeepsThem(JmsProviderUnderTest provider)
            throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        String marker = unique("expired");
        TextMessage message = session.createTextMessage("expires");
        message.setStringProperty("marker", marker);
        session.createProducer(queue).send(message, DeliveryMode.PERSISTENT, 4, 100);
        await().atMost(AWAIT_TIMEOUT).until(() -> System.currentTimeMillis() > message.getJMSExpiration() + 50);
        assertNoMessage(session.createConsumer(queue));

        if (provider.expiryQueueName().isPresent()) {
            // Artemis moves an expired message to its expiry queue.
            Queue expiryQueue = session.createQueue(provider.expiryQueueName().get());
            MessageConsumer expired = session.createConsumer(expiryQueue, "marker = '" + marker + "'");
            assertThat(receiveText(expired)).isEqualTo("expires");
        } else {
            // logjms has no expiry queue: the record stays in the queue's log (until retention removes it),
            // skipped on delivery.
            assertThat(provider).isInstanceOf(LogJmsProvider.class);
            try (LogJmsAdmin admin = LogJmsAdmin.connect(((LogJmsProvider) provider).url())) {
                long stored = admin.describeQueue(queue.getQueueName()).partitions().stream()
                        .mapToLong(DestinationDetails.PartitionRange::records).sum();
                assertThat(stored).isEqualTo(1);
            }
        }
    }

    @ProviderTest
    void deliveryDelayHoldsAMessageBack(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(400);
        long sentAt = System.currentTimeMillis();
        TextMessage sent = session.createTextMessage("delayed");

        producer.send(sent);
        Message received = receive(consumer);

        assertThat(producer.getDeliveryDelay()).isEqualTo(400);
        assertThat(System.currentTimeMillis() - sentAt).isGreaterThanOrEqualTo(400 - 20);
        assertThat(sent.getJMSDeliveryTime()).isEqualTo(sent.getJMSTimestamp() + 400);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(sent.getJMSDeliveryTime());
    }

    @ProviderTest
    void aDelayedMessageDoesNotHoldBackLaterOnes(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer delayed = session.createProducer(queue);
        delayed.setDeliveryDelay(1_000);
        delayed.send(session.createTextMessage("later"));
        session.createProducer(queue).send(session.createTextMessage("now"));
        MessageConsumer consumer = session.createConsumer(queue);

        assertThat(receiveText(consumer)).isEqualTo("now");
        assertThat(receiveText(consumer)).isEqualTo("later");
    }

    @ProviderTest
    void disablingMessageIdsIsOnlyAHint(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        producer.send(session.createTextMessage("no id needed"));

        Message received = receive(session.createConsumer(queue));

        assertThat(producer.getDisableMessageID()).isTrue();
        assertThat(((TextMessage) received).getText()).isEqualTo("no id needed");
        if (received.getJMSMessageID() != null) {
            assertThat(received.getJMSMessageID()).startsWith("ID:");
        }
    }

    @ProviderTest
    void disablingTimestampsIsOnlyAHint(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageTimestamp(true);
        long before = System.currentTimeMillis();
        producer.send(session.createTextMessage("no timestamp needed"));

        Message received = receive(session.createConsumer(queue));

        assertThat(producer.getDisableMessageTimestamp()).isTrue();
        assertThat(received.getJMSTimestamp()).satisfiesAnyOf(
                timestamp -> assertThat(timestamp).isZero(),
                timestamp -> assertThat(timestamp).isGreaterThanOrEqualTo(before));
    }

    @ProviderTest
    void sendingTheSameMessageTwiceGivesTwoMessageIds(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage("twice");
        producer.send(message);
        String firstId = message.getJMSMessageID();
        producer.send(message);
        MessageConsumer consumer = session.createConsumer(queue);

        assertThat(message.getJMSMessageID()).isNotEqualTo(firstId);
        assertThat(receive(consumer).getJMSMessageID()).isEqualTo(firstId);
        assertThat(receive(consumer).getJMSMessageID()).isEqualTo(message.getJMSMessageID());
    }

    @ProviderTest
    void asynchronousSendReportsCompletion(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        RecordingCompletionListener listener = new RecordingCompletionListener();
        TextMessage message = session.createTextMessage("async");

        session.createProducer(queue).send(message, listener);

        await().atMost(AWAIT_TIMEOUT).until(() -> listener.outcomes() == 1);
        assertThat(listener.failures).isEmpty();
        assertThat(listener.completed).containsExactly(message);
        assertThat(receiveText(session.createConsumer(queue))).isEqualTo("async");
    }

    @ProviderTest
    void asynchronousSendsCompleteInSendOrder(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        RecordingCompletionListener listener = new RecordingCompletionListener();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            TextMessage message = session.createTextMessage("a" + i);
            sent.add(message);
            producer.send(message, i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT, 4, 0,
                    listener);
        }

        await().atMost(AWAIT_TIMEOUT).until(() -> listener.outcomes() == sent.size());
        assertThat(listener.failures).isEmpty();
        assertThat(listener.completed).containsExactlyElementsOf(sent);
        assertThat(receiveTexts(session.createConsumer(queue), 25)).containsExactly(numbered("a", 25));
    }

    @ProviderTest
    void completionListenerMayNotCloseItsOwnSession(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        AtomicReference<Exception> closeOutcome = new AtomicReference<>();
        session.createProducer(queue).send(session.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    session.close();
                    closeOutcome.set(new IllegalStateException("session.close() returned normally"));
                } catch (Exception e) {
                    closeOutcome.set(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                closeOutcome.set(exception);
            }
        });

        await().atMost(AWAIT_TIMEOUT).until(() -> closeOutcome.get() != null);
        assertThat(closeOutcome.get()).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void asynchronousSendWithoutListenerIsRejected(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(newQueue(session));

        assertThatThrownBy(() -> producer.send(session.createTextMessage("x"), (CompletionListener) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ProviderTest
    void asynchronousSendToADeletedDestinationReportsAnError(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.DELETED_TEMPORARY_QUEUE_ACCEPTS_SENDS);
        Connection owner = startedConnection(provider);
        TemporaryQueue queue = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        owner.close();
        Session session = session(provider);
        RecordingCompletionListener listener = new RecordingCompletionListener();

        try {
            session.createProducer(queue).send(session.createTextMessage("nowhere"), listener);
            await().atMost(AWAIT_TIMEOUT).until(() -> listener.outcomes() == 1);
            assertThat(listener.completed).isEmpty();
            assertThat(listener.failures).hasSize(1);
        } catch (InvalidDestinationException thrownAtSend) {
            assertThat(listener.outcomes()).isZero();
        }
    }

    @ProviderTest
    void asynchronousSendOnAClosedProducerFailsInTheCallingThread(JmsProviderUnderTest provider)
            throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(newQueue(session));
        producer.close();
        RecordingCompletionListener listener = new RecordingCompletionListener();

        assertThatThrownBy(() -> producer.send(session.createTextMessage("closed"), listener))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThat(listener.outcomes()).isZero();
    }

    @ProviderTest
    void producerWithoutDestinationSendsWhereItIsTold(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue first = newQueue(session);
        Queue second = newQueue(session);
        MessageProducer producer = session.createProducer(null);

        producer.send(first, session.createTextMessage("to first"));
        producer.send(second, session.createTextMessage("to second"), DeliveryMode.NON_PERSISTENT, 5, 0);

        assertThat(producer.getDestination()).isNull();
        assertThat(receiveText(session.createConsumer(first))).isEqualTo("to first");
        assertThat(receiveText(session.createConsumer(second))).isEqualTo("to second");
    }

    @ProviderTest
    void producerWithoutDestinationNeedsOneForEachSend(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(null);

        assertThatThrownBy(() -> producer.send(session.createTextMessage("where?")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ProviderTest
    void producerWithDestinationRefusesAnotherOne(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(newQueue(session));
        Queue other = newQueue(session);

        assertThatThrownBy(() -> producer.send(other, session.createTextMessage("elsewhere")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ProviderTest
    void sendingToANullDestinationFails(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(null);

        assertThatThrownBy(() -> producer.send(null, session.createTextMessage("null")))
                .isInstanceOf(InvalidDestinationException.class);
    }
}
