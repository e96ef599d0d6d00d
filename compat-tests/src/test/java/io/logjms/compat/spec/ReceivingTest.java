package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.DeadLetterPolicy;
import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Jakarta Messaging 3.1 chapter 8 and 6.2.10: synchronous and asynchronous receipt, ordering, acknowledgement
 * modes, recovery, redelivery and dead-lettering.
 */
class ReceivingTest extends JmsScenario {

    @ProviderTest
    void receiveWithTimeoutReturnsNullWhenNothingArrives(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        long start = System.nanoTime();

        Message message = consumer.receive(ABSENCE_TIMEOUT_MS);

        assertThat(message).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(
                ABSENCE_TIMEOUT_MS - 20);
    }

    @ProviderTest
    void receiveNoWaitReturnsAnAvailableMessageOrNull(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receiveNoWait()).isNull();
        sendTexts(session, queue, "available");

        List<Message> received = new ArrayList<>();
        await().atMost(AWAIT_TIMEOUT).until(() -> {
            Message message = consumer.receiveNoWait();
            if (message != null) {
                received.add(message);
            }
            return !received.isEmpty();
        });

        assertThat(((TextMessage) received.get(0)).getText()).isEqualTo("available");
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @ProviderTest
    void receiveWithoutTimeoutWaitsForTheNextMessage(JmsProviderUnderTest provider) throws Exception {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        sendTexts(session(provider), queue, "worth the wait");

        assertThat(((TextMessage) pending.get(5, TimeUnit.SECONDS)).getText()).isEqualTo("worth the wait");
    }

    @ProviderTest
    void messageListenerReceivesMessagesInOrder(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        List<String> received = new CopyOnWriteArrayList<>();
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(message -> received.add(textOf(message)));
        String[] bodies = numbered("l", 20);

        sendTexts(session(provider), queue, bodies);

        await().atMost(AWAIT_TIMEOUT).until(() -> received.size() == bodies.length);
        assertThat(received).containsExactly(bodies);
        assertThat(consumer.getMessageListener()).isNotNull();
    }

    @ProviderTest
    void messageListenerIsNotCalledBeforeTheConnectionStarts(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        List<String> received = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> received.add(textOf(message)));
        sendTexts(session(provider), queue, "wait for start");

        await().during(Duration.ofMillis(ABSENCE_TIMEOUT_MS)).atMost(AWAIT_TIMEOUT).until(received::isEmpty);
        connection.start();

        await().atMost(AWAIT_TIMEOUT).until(() -> received.size() == 1);
        assertThat(received).containsExactly("wait for start");
    }

    @ProviderTest
    void listenersOfOneSessionNeverRunConcurrently(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue first = newQueue(session);
        Queue second = newQueue(session);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        jakarta.jms.MessageListener listener = message -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            long busyUntil = System.nanoTime() + 200_000;
            while (System.nanoTime() < busyUntil) {
                Thread.onSpinWait();
            }
            running.decrementAndGet();
            delivered.incrementAndGet();
        };
        session.createConsumer(first).setMessageListener(listener);
        session.createConsumer(second).setMessageListener(listener);
        Session producerSession = session(provider);

        sendTexts(producerSession, first, numbered("f", 30));
        sendTexts(producerSession, second, numbered("s", 30));

        await().atMost(AWAIT_TIMEOUT).until(() -> delivered.get() == 60);
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @ProviderTest
    void messagesOfOneSessionToOneQueueArriveInSendOrder(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        String[] bodies = numbered("o", 100);
        sendTexts(session, queue, bodies);

        assertThat(receiveTexts(session.createConsumer(queue), bodies.length)).containsExactly(bodies);
    }

    @ProviderTest
    void clientAcknowledgeAcknowledgesEverythingConsumedInTheSession(JmsProviderUnderTest provider)
            throws JMSException {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "1", "2", "3");
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer);
        Message second = receive(consumer);
        receive(consumer);

        second.acknowledge();
        session.close();

        assertNoMessage(session(provider).createConsumer(queue));
    }

    @ProviderTest
    void unacknowledgedMessagesAreRedeliveredAfterTheSessionCloses(JmsProviderUnderTest provider)
            throws JMSException {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "unacknowledged");
        receive(session.createConsumer(queue));
        session.close();

        Message redelivered = receive(session(provider).createConsumer(queue));

        assertThat(textOf(redelivered)).isEqualTo("unacknowledged");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        assertThat(redelivered.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @ProviderTest
    void recoverRedeliversUnacknowledgedMessagesInOrder(JmsProviderUnderTest provider) throws JMSException {
        Session session = startedConnection(provider).createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "r1", "r2");
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = receive(consumer);
        receive(consumer);

        session.recover();
        Message again = receive(consumer);
        Message secondAgain = receive(consumer);
        again.acknowledge();

        assertThat(first.getJMSRedelivered()).isFalse();
        assertThat(textOf(again)).isEqualTo("r1");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(textOf(secondAgain)).isEqualTo("r2");
        assertNoMessage(consumer);
    }

    @ProviderTest
    void deliveryCountGrowsWithEveryRedelivery(JmsProviderUnderTest provider) throws JMSException {
        Session session = startedConnection(provider).createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "again and again");
        MessageConsumer consumer = session.createConsumer(queue);

        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counts.add(receive(consumer).getIntProperty("JMSXDeliveryCount"));
            session.recover();
        }

        assertThat(counts).containsExactly(1, 2, 3);
    }

    @ProviderTest
    void redeliveredMessageKeepsBodyAndProperties(JmsProviderUnderTest provider) throws JMSException {
        Session session = startedConnection(provider).createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        TextMessage message = session.createTextMessage("intact");
        message.setStringProperty("key", "value");
        message.setJMSCorrelationID("correlation");
        session.createProducer(queue).send(message);
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = receive(consumer);

        session.recover();
        Message again = receive(consumer);

        assertThat(again.getJMSMessageID()).isEqualTo(first.getJMSMessageID());
        assertThat(textOf(again)).isEqualTo("intact");
        assertThat(again.getStringProperty("key")).isEqualTo("value");
        assertThat(again.getJMSCorrelationID()).isEqualTo("correlation");
    }

    @ProviderTest
    void dupsOkSessionDeliversEveryMessage(JmsProviderUnderTest provider) throws JMSException {
        Session session = startedConnection(provider).createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        String[] bodies = numbered("d", 30);
        sendTexts(session, queue, bodies);

        List<String> received = receiveTexts(session.createConsumer(queue), bodies.length);

        assertThat(received).containsExactly(bodies);
    }

    @ProviderTest
    void closedConsumerLeavesMessagesForOthers(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageConsumer first = session.createConsumer(queue);
        sendTexts(session, queue, "for first");
        assertThat(receiveText(first)).isEqualTo("for first");

        first.close();
        sendTexts(session, queue, "for second");

        assertThat(receiveText(session(provider).createConsumer(queue))).isEqualTo("for second");
    }

    @ProviderTest
    void messageIsRedeliveredWhenAnAutoAcknowledgeListenerThrows(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        List<Message> deliveries = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            deliveries.add(message);
            if (deliveries.size() == 1) {
                throw new IllegalStateException("listener failure the provider must survive");
            }
        });

        sendTexts(session(provider), queue, "retry me");

        await().atMost(AWAIT_TIMEOUT).until(() -> deliveries.size() >= 2);
        Message second = deliveries.get(1);
        assertThat(textOf(second)).isEqualTo("retry me");
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @ProviderTest
    void messageIsDeadLetteredAfterTheMaximumDeliveries(JmsProviderUnderTest provider) throws JMSException {
        Assumptions.assumeTrue(provider.deadLetterPolicy().isPresent(), provider.name() + " has no dead-letter queue");
        DeadLetterPolicy policy = provider.deadLetterPolicy().get();
        Session session = startedConnection(provider).createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = newQueue(session);
        String marker = unique("poison");
        TextMessage poison = session.createTextMessage("poison");
        poison.setStringProperty("marker", marker);
        session.createProducer(queue).send(poison);
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);

        for (int attempt = 1; attempt <= policy.maxDeliveryAttempts(); attempt++) {
            Message delivery = receive(consumer);
            assertThat(delivery.getIntProperty("JMSXDeliveryCount")).isEqualTo(attempt);
            session.rollback();
        }

        assertNoMessage(consumer);
        Session dlqSession = session(provider);
        MessageConsumer deadLetters = dlqSession.createConsumer(dlqSession.createQueue(policy.queueName()),
                "marker = '" + marker + "'");
        assertThat(receiveText(deadLetters)).isEqualTo("poison");
    }

    @ProviderTest
    void consumerReportsItsSelectorAndListener(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageConsumer plain = session.createConsumer(queue);
        MessageConsumer selective = session.createConsumer(queue, "kind = 'x'");

        assertThat(plain.getMessageSelector()).isNull();
        assertThat(plain.getMessageListener()).isNull();
        assertThat(selective.getMessageSelector()).isEqualTo("kind = 'x'");
    }

    @ProviderTest
    void sessionsOfOneConnectionReceiveIndependently(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = startedConnection(provider);
        Session a = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session b = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue qa = newQueue(a);
        Queue qb = newQueue(a);
        MessageProducer producer = a.createProducer(null);
        producer.send(qa, a.createTextMessage("for a"));
        producer.send(qb, a.createTextMessage("for b"));

        assertThat(receiveText(a.createConsumer(qa))).isEqualTo("for a");
        Message forB = receive(b.createConsumer(qb));
        forB.acknowledge();
        assertThat(textOf(forB)).isEqualTo("for b");
    }
}
