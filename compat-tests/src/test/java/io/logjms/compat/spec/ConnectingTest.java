package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.ExceptionListener;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Jakarta Messaging 3.1 chapter 6.1: connections, client identifiers, start/stop, metadata and close. */
class ConnectingTest extends JmsScenario {

    @ProviderTest
    void clientIdCanBeSetBeforeTheConnectionIsUsed(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        String clientId = unique("client");

        connection.setClientID(clientId);

        assertThat(connection.getClientID()).isEqualTo(clientId);
    }

    @ProviderTest
    void clientIdCannotBeSetTwice(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.setClientID(unique("client"));

        assertThatThrownBy(() -> connection.setClientID(unique("client")))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void clientIdCannotBeSetAfterTheConnectionWasUsed(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> connection.setClientID(unique("client")))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void aClientIdInUseByAnotherConnectionIsRejected(JmsProviderUnderTest provider) throws JMSException {
        String clientId = unique("client");
        connection(provider).setClientID(clientId);
        Connection second = connection(provider);

        assertThatThrownBy(() -> second.setClientID(clientId)).isInstanceOf(InvalidClientIDException.class);
    }

    @ProviderTest
    void aClientIdBecomesFreeWhenItsConnectionCloses(JmsProviderUnderTest provider) throws JMSException {
        String clientId = unique("client");
        Connection first = connection(provider);
        first.setClientID(clientId);
        first.close();
        Connection second = connection(provider);

        second.setClientID(clientId);

        assertThat(second.getClientID()).isEqualTo(clientId);
    }

    @ProviderTest
    void newConnectionDeliversNothingUntilStarted(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(session, queue, "held");

        assertNoMessage(consumer);
        connection.start();
        assertThat(receiveText(consumer)).isEqualTo("held");
    }

    @ProviderTest
    void stopPausesDeliveryAndStartResumesIt(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(session, queue, "before stop");
        assertThat(receiveText(consumer)).isEqualTo("before stop");

        connection.stop();
        sendTexts(session(provider), queue, "while stopped");
        assertNoMessage(consumer);
        connection.start();

        assertThat(receiveText(consumer)).isEqualTo("while stopped");
    }

    @ProviderTest
    void stopWaitsForARunningMessageListener(JmsProviderUnderTest provider) throws Exception {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        CountDownLatch listenerEntered = new CountDownLatch(1);
        CountDownLatch releaseListener = new CountDownLatch(1);
        AtomicBoolean listenerFinished = new AtomicBoolean();
        session.createConsumer(queue).setMessageListener(message -> {
            listenerEntered.countDown();
            try {
                releaseListener.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listenerFinished.set(true);
        });
        sendTexts(session(provider), queue, "slow");
        assertThat(listenerEntered.await(5, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Object> listenerDoneWhenStopReturned = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            try {
                connection.stop();
                listenerDoneWhenStopReturned.set(listenerFinished.get());
            } catch (JMSException e) {
                listenerDoneWhenStopReturned.set(e);
            }
        }, "compat-connection-stopper");
        stopper.start();
        await().atMost(AWAIT_TIMEOUT).until(() -> stopper.getState() != Thread.State.NEW
                && stopper.getState() != Thread.State.RUNNABLE);
        releaseListener.countDown();
        stopper.join(5_000);

        assertThat(listenerDoneWhenStopReturned.get()).as("listener finished before stop() returned").isEqualTo(true);
    }

    @ProviderTest
    void startAndStopCanBeRepeated(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(session, queue, "after repeated calls");

        connection.start();
        connection.start();
        connection.stop();
        connection.stop();
        connection.start();

        assertThat(receiveText(consumer)).isEqualTo("after repeated calls");
    }

    @ProviderTest
    void closingTwiceIsHarmless(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

        connection.close();
        connection.close();
        session.close();

        assertThatThrownBy(() -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void closingTheConnectionEndsABlockedReceive(JmsProviderUnderTest provider) throws Exception {
        Connection connection = startedConnection(provider);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(newQueue(session));
        CompletableFuture<Message> blocked = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                blocked.complete(consumer.receive(30_000));
            } catch (Throwable e) {
                blocked.completeExceptionally(e);
            }
        }, "compat-blocked-receiver");
        receiver.start();
        await().atMost(AWAIT_TIMEOUT).until(() -> receiver.getState() == Thread.State.TIMED_WAITING);

        connection.close();

        assertThat(blocked.get(5, TimeUnit.SECONDS)).isNull();
    }

    @ProviderTest
    void metaDataDescribesJakartaMessaging31(JmsProviderUnderTest provider) throws JMSException {
        ConnectionMetaData metaData = connection(provider).getMetaData();

        assertThat(metaData.getJMSVersion()).isEqualTo("3.1");
        assertThat(metaData.getJMSMajorVersion()).isEqualTo(3);
        assertThat(metaData.getJMSMinorVersion()).isEqualTo(1);
    }

    @ProviderTest
    void metaDataNamesTheProviderAndItsVersion(JmsProviderUnderTest provider) throws JMSException {
        ConnectionMetaData metaData = connection(provider).getMetaData();

        assertThat(metaData.getJMSProviderName()).isNotBlank();
        assertThat(metaData.getProviderVersion()).isNotBlank();
        assertThat(metaData.getProviderMajorVersion()).isNotNegative();
    }

    @ProviderTest
    void metaDataListsTheMandatoryJmsxProperties(JmsProviderUnderTest provider) throws JMSException {
        List<Object> names = elements(connection(provider).getMetaData().getJMSXPropertyNames());

        assertThat(names).contains("JMSXGroupID", "JMSXGroupSeq", "JMSXDeliveryCount");
    }

    @ProviderTest
    void exceptionListenerCanBeSetAndRead(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        ExceptionListener listener = exception -> { };

        assertThat(connection.getExceptionListener()).isNull();
        connection.setExceptionListener(listener);
        assertThat(connection.getExceptionListener()).isSameAs(listener);
    }

    @ProviderTest
    void connectionWithUserAndPasswordWorks(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = provider.connectionFactory().createConnection("compat-user", "compat-password");
        resources.track(connection, connection::close);
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "authenticated");

        assertThat(receiveText(session.createConsumer(queue))).isEqualTo("authenticated");
    }

    @ProviderTest
    void sessionsReportTheirTransactionAndAcknowledgeMode(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);

        Session auto = connection.createSession();
        Session client = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Session dupsOk = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        Session transacted = connection.createSession(true, Session.AUTO_ACKNOWLEDGE);

        assertThat(auto.getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
        assertThat(auto.getTransacted()).isFalse();
        assertThat(client.getAcknowledgeMode()).isEqualTo(Session.CLIENT_ACKNOWLEDGE);
        assertThat(dupsOk.getAcknowledgeMode()).isEqualTo(Session.DUPS_OK_ACKNOWLEDGE);
        assertThat(transacted.getTransacted()).isTrue();
        assertThat(transacted.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
    }
}
