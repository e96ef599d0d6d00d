package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Jakarta Messaging 3.1 chapter 10 and the close rules of 6.1.8, 6.2.15, 7.2 and 8.7: which exception a
 * provider throws for closed objects, bad destinations and calls a message listener must not make.
 */
class ExceptionsTest extends JmsScenario {

    @ProviderTest
    void closedConnectionRefusesWork(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.close();

        assertThatThrownBy(() -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getClientID).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.setClientID(unique("client"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getMetaData).isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void closedSessionRefusesWork(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        session.close();
        session.close();

        assertThatThrownBy(() -> session.createProducer(queue)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTextMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::getAcknowledgeMode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::recover).isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void closedTransactedSessionRefusesCommit(JmsProviderUnderTest provider) throws JMSException {
        Session session = startedConnection(provider).createSession(true, Session.SESSION_TRANSACTED);
        session.close();

        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void closedProducerRefusesToSend(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(newQueue(session));
        producer.close();
        producer.close();

        assertThatThrownBy(() -> producer.send(session.createTextMessage("closed")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(producer::getDeliveryMode).isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void closedConsumerRefusesToReceive(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        consumer.close();
        consumer.close();

        assertThatThrownBy(() -> consumer.receive(ABSENCE_TIMEOUT_MS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> consumer.setMessageListener(message -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void closedBrowserRefusesToBrowse(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.CLOSED_BROWSER_STILL_BROWSES);
        Session session = session(provider);
        QueueBrowser browser = session.createBrowser(newQueue(session));
        browser.close();

        assertThatThrownBy(browser::getEnumeration).isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void closingAConnectionClosesItsSessionsProducersAndConsumers(JmsProviderUnderTest provider)
            throws JMSException {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        connection.close();

        assertThatThrownBy(session::createMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.send(session.createMessage())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void acknowledgingAfterTheSessionClosedFails(JmsProviderUnderTest provider) throws JMSException {
        Session session = startedConnection(provider).createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "ack too late");
        Message message = receive(session.createConsumer(queue));
        session.close();

        assertThatThrownBy(message::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @ProviderTest
    void acknowledgeIsIgnoredOutsideClientAcknowledgeMode(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "auto");
        Message message = receive(session.createConsumer(queue));

        message.acknowledge();

        assertNoMessage(session(provider).createConsumer(queue));
    }

    @ProviderTest
    void consumersAndBrowsersNeedADestination(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);

        assertThatThrownBy(() -> session.createConsumer(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createBrowser(null)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createDurableSubscriber(null, "name"))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createSharedConsumer(null, "name"))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @ProviderTest
    void invalidPriorityIsRejected(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MessageProducer producer = session.createProducer(newQueue(session));

        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> producer.setPriority(-1)).isInstanceOf(JMSException.class);
        assertThat(producer.getPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
    }

    @ProviderTest
    void listenerMayCloseItsOwnConsumer(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        AtomicReference<Object> outcome = new AtomicReference<>();
        consumer.setMessageListener(message -> {
            try {
                consumer.close();
                outcome.set("closed");
            } catch (JMSException e) {
                outcome.set(e);
            }
        });

        sendTexts(session(provider), queue, "close me");

        await().atMost(AWAIT_TIMEOUT).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isEqualTo("closed");
    }

    @ProviderTest
    void listenerMayNotCloseItsOwnSession(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        assertListenerCallFails(provider, session, session::close);
    }

    @ProviderTest
    void listenerMayNotCloseItsOwnConnection(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertListenerCallFails(provider, session, connection::close);
    }

    @ProviderTest
    void listenerMayNotStopItsOwnConnection(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertListenerCallFails(provider, session, connection::stop);
    }

    /** Calls {@code forbidden} from a listener of {@code session} and asserts that it threw IllegalStateException. */
    private void assertListenerCallFails(JmsProviderUnderTest provider, Session session, JmsCall forbidden)
            throws JMSException {
        Queue queue = newQueue(session);
        AtomicReference<Object> outcome = new AtomicReference<>();
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                forbidden.call();
                outcome.set("returned normally");
            } catch (Exception e) {
                outcome.set(e);
            }
        });

        sendTexts(session(provider), queue, "trigger");

        await().atMost(AWAIT_TIMEOUT).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(IllegalStateException.class);
    }

    @FunctionalInterface
    private interface JmsCall {
        void call() throws JMSException;
    }
}
