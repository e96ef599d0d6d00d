package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionRolledBackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client survives a broker restart (in this JVM, on the same port and data directory): what the
 * application sees for each kind of producer and consumer.
 */
class BrokerRestartIT extends EmbeddedBrokerSupport {

    private Connection reconnecting(List<JMSException> reported) throws JMSException {
        Connection connection = closeLater(factory("reconnectTimeout=20000").createConnection());
        connection.setExceptionListener(reported::add);
        return connection;
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    @Test
    void sendsWaitForTheRestartedBrokerAndTheApplicationIsNotTold() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = reconnecting(reported);
        Session session = connection.createSession();
        Queue queue = session.createQueue("restart-sends");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("before"));
        int port = broker.port();
        broker.close();
        CompletableFuture<Void> syncSend = CompletableFuture.runAsync(() -> {
            try {
                producer.send(session.createTextMessage("during"));
            } catch (JMSException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !syncSend.isDone());
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(port).build().start();
        syncSend.get(15, TimeUnit.SECONDS);

        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(text(consumer.receive(5000))).isEqualTo("before");
        assertThat(text(consumer.receive(5000))).isEqualTo("during");
        assertThat(reported).isEmpty();
    }

    @Test
    void asyncSendsMadeWhileTheBrokerIsDownCompleteAfterTheReconnectInSendOrder() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = reconnecting(reported);
        Session session = connection.createSession();
        Queue queue = session.createQueue("restart-async");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("m0"));
        int port = broker.port();
        broker.close();
        List<String> completed = new CopyOnWriteArrayList<>();
        List<Exception> failed = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 20; i++) {
            producer.send(session.createTextMessage("m" + i), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        completed.add(text(message));
                    } catch (JMSException e) {
                        failed.add(e);
                    }
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failed.add(exception);
                }
            });
        }
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(port).build().start();
        await().atMost(Duration.ofSeconds(15)).until(() -> completed.size() == 20);
        assertThat(failed).isEmpty();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            expected.add("m" + i);
        }
        assertThat(completed).containsExactlyElementsOf(expected);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        for (int i = 0; i <= 20; i++) {
            assertThat(text(consumer.receive(5000))).isEqualTo("m" + i);
        }
        assertThat(consumer.receive(200)).isNull();
        assertThat(reported).isEmpty();
    }

    @Test
    void aNonDurableSubscriberResumesRightAfterTheLastMessageItHandedOut() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = reconnecting(reported);
        Session session = connection.createSession();
        Topic topic = session.createTopic("restart-nondurable");
        MessageConsumer subscriber = session.createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);
        connection.start();
        for (int i = 0; i < 50; i++) {
            producer.send(session.createTextMessage("t" + i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(text(subscriber.receive(5000))).isEqualTo("t" + i);
        }
        restartBrokerOnSamePort();
        for (int i = 50; i < 60; i++) {
            producer.send(session.createTextMessage("t" + i));
        }
        for (int i = 20; i < 60; i++) {
            assertThat(text(subscriber.receive(10000))).as("message %d", i).isEqualTo("t" + i);
        }
        assertThat(subscriber.receive(200)).isNull();
        assertThat(reported).isEmpty();
    }

    @Test
    void unacknowledgedMessagesOfADurableSubscriberComeAgainFlaggedAndAcknowledgeDoesNotThrow() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = closeLater(factory("reconnectTimeout=20000&clientID=restart-durable")
                .createConnection());
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = session.createTopic("restart-durable");
        MessageConsumer durable = session.createDurableConsumer(topic, "sub");
        MessageProducer producer = session.createProducer(topic);
        connection.start();
        for (int i = 0; i < 4; i++) {
            producer.send(session.createTextMessage("d" + i));
        }
        Message first = durable.receive(5000);
        assertThat(text(first)).isEqualTo("d0");
        first.acknowledge();
        Message second = durable.receive(5000);
        assertThat(text(second)).isEqualTo("d1");
        assertThat(second.getJMSRedelivered()).isFalse();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);

        restartBrokerOnSamePort();
        second.acknowledge();

        Message again = durable.receive(10000);
        assertThat(text(again)).isEqualTo("d1");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isGreaterThanOrEqualTo(2);
        assertThat(text(durable.receive(5000))).isEqualTo("d2");
        Message last = durable.receive(5000);
        assertThat(text(last)).isEqualTo("d3");
        last.acknowledge();
        assertThat(durable.receive(200)).isNull();
        assertThat(reported).isEmpty();
    }

    @Test
    void aTransactionThatReceivedBeforeTheOutageFailsItsCommitAndItsMessagesComeAgain() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = reconnecting(reported);
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("restart-tx");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("q0"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(text(consumer.receive(5000))).isEqualTo("q0");
        producer.send(session.createTextMessage("sent-in-lost-transaction"));

        restartBrokerOnSamePort();

        assertThatThrownBy(session::commit).isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("re-established");
        Message again = consumer.receive(10000);
        assertThat(text(again)).isEqualTo("q0");
        assertThat(again.getJMSRedelivered()).isTrue();
        session.commit();
        assertThat(consumer.receive(300)).as("the send of the rolled back transaction was discarded").isNull();
        producer.send(session.createTextMessage("sends-only"));
        session.commit();
        assertThat(text(consumer.receive(5000))).isEqualTo("sends-only");
        session.commit();
        assertThat(reported).isEmpty();
    }

    @Test
    void receiveWithATimeoutReturnsAtItsTimeoutWhileReconnecting() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = reconnecting(reported);
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("restart-receive"));
        connection.start();
        int port = broker.port();
        broker.close();
        long start = System.nanoTime();
        assertThat(consumer.receive(500)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(400L, 5000L);
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(port).build().start();
        MessageProducer producer = session.createProducer(session.createQueue("restart-receive"));
        producer.send(session.createTextMessage("after"));
        assertThat(text(consumer.receive(10000))).isEqualTo("after");
        assertThat(reported).isEmpty();
    }

    @Test
    void whenTheReconnectTimeoutRunsOutTheExceptionListenerIsToldAndCallsFail() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = closeLater(factory("reconnectTimeout=700").createConnection());
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue("restart-gone"));
        broker.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
        assertThat(reported.get(0).getMessage()).contains("reconnectTimeout");
        assertThatThrownBy(() -> producer.send(session.createTextMessage("late"))).isInstanceOf(JMSException.class);
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    @Test
    void closeWhileReconnectingReturnsAtOnceAndFailsPendingAsyncSends() throws Exception {
        Connection connection = closeLater(factory("reconnectTimeout=30000").createConnection());
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue("restart-close"));
        producer.send(session.createTextMessage("warm-up"));
        broker.close();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        producer.send(session.createTextMessage("pending"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
            }

            @Override
            public void onException(Message message, Exception exception) {
                failures.add(exception);
            }
        });
        long start = System.nanoTime();
        connection.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000L);
        await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 1);
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    @Test
    void theLossOfATemporaryQueueIsReportedAndItsConsumerClosedWhileTheRestGoesOn() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        Connection connection = reconnecting(reported);
        Session session = connection.createSession();
        TemporaryQueue temporary = session.createTemporaryQueue();
        MessageConsumer onTemporary = session.createConsumer(temporary);
        Queue queue = session.createQueue("restart-beside-temporary");
        MessageConsumer onQueue = session.createConsumer(queue);
        connection.start();

        restartBrokerOnSamePort();

        String name = temporary.getQueueName();
        await().atMost(Duration.ofSeconds(10)).until(() -> reported.stream()
                .anyMatch(e -> e.getMessage().contains(name)));
        assertThatThrownBy(() -> onTemporary.receive(100)).isInstanceOf(jakarta.jms.IllegalStateException.class)
                .hasMessageContaining("temporary destination");
        session.createProducer(queue).send(session.createTextMessage("still working"));
        assertThat(text(onQueue.receive(5000))).isEqualTo("still working");
        assertThatThrownBy(() -> session.createConsumer(temporary))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }
}
