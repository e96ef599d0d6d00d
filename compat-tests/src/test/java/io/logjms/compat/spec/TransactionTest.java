package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Jakarta Messaging 3.1 chapter 6.2.8: local transactions of sessions and contexts. */
class TransactionTest extends JmsScenario {

    private Session transactedSession(JmsProviderUnderTest provider) throws JMSException {
        return startedConnection(provider).createSession(true, Session.SESSION_TRANSACTED);
    }

    @ProviderTest
    void transactedSendsAreInvisibleUntilCommit(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue queue = newQueue(transacted);
        MessageConsumer consumer = session(provider).createConsumer(queue);
        sendTexts(transacted, queue, "t1", "t2");

        assertNoMessage(consumer);
        transacted.commit();

        assertThat(receiveTexts(consumer, 2)).containsExactly("t1", "t2");
    }

    @ProviderTest
    void rollbackDiscardsTransactedSends(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue queue = newQueue(transacted);
        sendTexts(transacted, queue, "discarded");
        transacted.rollback();
        sendTexts(transacted, queue, "kept");
        transacted.commit();

        MessageConsumer consumer = session(provider).createConsumer(queue);

        assertThat(receiveText(consumer)).isEqualTo("kept");
        assertNoMessage(consumer);
    }

    @ProviderTest
    void rolledBackReceivesAreRedelivered(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue queue = newQueue(transacted);
        sendTexts(session(provider), queue, "r1", "r2");
        MessageConsumer consumer = transacted.createConsumer(queue);
        receiveTexts(consumer, 2);

        transacted.rollback();
        Message first = receive(consumer);
        Message second = receive(consumer);
        transacted.commit();

        assertThat(textOf(first)).isEqualTo("r1");
        assertThat(first.getJMSRedelivered()).isTrue();
        assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(textOf(second)).isEqualTo("r2");
        assertNoMessage(consumer);
    }

    @ProviderTest
    void commitAcknowledgesTransactedReceives(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue queue = newQueue(transacted);
        sendTexts(session(provider), queue, "consumed");
        assertThat(receiveText(transacted.createConsumer(queue))).isEqualTo("consumed");

        transacted.commit();
        transacted.close();

        assertNoMessage(session(provider).createConsumer(queue));
    }

    @ProviderTest
    void receiveAndSendCommitTogether(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue input = newQueue(transacted);
        Queue output = newQueue(transacted);
        sendTexts(session(provider), input, "work");
        String work = receiveText(transacted.createConsumer(input));
        sendTexts(transacted, output, work + " done");

        transacted.commit();
        transacted.close();

        Session check = session(provider);
        assertThat(receiveText(check.createConsumer(output))).isEqualTo("work done");
        assertNoMessage(check.createConsumer(input));
    }

    @ProviderTest
    void receiveAndSendRollBackTogether(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue input = newQueue(transacted);
        Queue output = newQueue(transacted);
        sendTexts(session(provider), input, "work");
        String work = receiveText(transacted.createConsumer(input));
        sendTexts(transacted, output, work + " done");

        transacted.rollback();
        transacted.close();

        Session check = session(provider);
        assertNoMessage(check.createConsumer(output));
        assertThat(receiveText(check.createConsumer(input))).isEqualTo("work");
    }

    @ProviderTest
    void closingATransactedSessionRollsBack(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue input = newQueue(transacted);
        Queue output = newQueue(transacted);
        sendTexts(session(provider), input, "in flight");
        receive(transacted.createConsumer(input));
        sendTexts(transacted, output, "never committed");

        transacted.close();

        Session check = session(provider);
        assertNoMessage(check.createConsumer(output));
        Message redelivered = receive(check.createConsumer(input));
        assertThat(redelivered.getJMSRedelivered()).isTrue();
    }

    @ProviderTest
    void transactionsFollowOneAnother(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue queue = newQueue(transacted);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("tx1"));
        transacted.commit();
        producer.send(transacted.createTextMessage("tx2"));
        transacted.rollback();
        producer.send(transacted.createTextMessage("tx3"));
        transacted.commit();

        MessageConsumer consumer = session(provider).createConsumer(queue);

        assertThat(receiveTexts(consumer, 2)).containsExactly("tx1", "tx3");
        assertNoMessage(consumer);
    }

    @ProviderTest
    void commitAndRollbackNeedATransactedSession(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);

        assertThatThrownBy(session::commit).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void recoverIsNotAllowedInATransactedSession(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);

        assertThatThrownBy(transacted::recover).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void listenerOfATransactedSessionCanCommit(JmsProviderUnderTest provider) throws JMSException {
        Session transacted = transactedSession(provider);
        Queue input = newQueue(transacted);
        Queue output = newQueue(transacted);
        MessageProducer forward = transacted.createProducer(output);
        List<String> handled = new CopyOnWriteArrayList<>();
        transacted.createConsumer(input).setMessageListener(message -> {
            try {
                forward.send(transacted.createTextMessage(textOf(message) + " forwarded"));
                transacted.commit();
                handled.add(textOf(message));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        sendTexts(session(provider), input, "hop");

        await().atMost(AWAIT_TIMEOUT).until(() -> handled.size() == 1);
        assertThat(receiveText(session(provider).createConsumer(output))).isEqualTo("hop forwarded");
    }

    @ProviderTest
    void transactedContextCommitsAndRollsBack(JmsProviderUnderTest provider) {
        JMSContext context = context(provider, JMSContext.SESSION_TRANSACTED);
        Queue queue = context.createQueue(unique("queue"));
        context.createProducer().send(queue, "rolled back");
        context.rollback();
        context.createProducer().send(queue, "committed");
        context.commit();

        JMSConsumer consumer = context.createConsumer(queue);
        String received = consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS);
        context.rollback();
        String again = consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS);
        context.commit();

        assertThat(context.getTransacted()).isTrue();
        assertThat(context.getSessionMode()).isEqualTo(JMSContext.SESSION_TRANSACTED);
        assertThat(received).isEqualTo("committed");
        assertThat(again).isEqualTo("committed");
        assertThat(consumer.receiveBody(String.class, ABSENCE_TIMEOUT_MS)).isNull();
    }
}
