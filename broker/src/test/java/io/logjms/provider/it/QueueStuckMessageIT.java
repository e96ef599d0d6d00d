package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9: a queue message sent to a fresh consumer never arrived. The conformance harness keeps, for
 * every test, a consumer on the queue on a connection it never starts; that consumer was granted credit
 * like any other, so the queue's round robin handed it every other message, where nobody received it.
 * A consumer now holds credit only while its connection is started.
 */
class QueueStuckMessageIT extends EmbeddedBrokerSupport {
    private static final long RECEIVE_MILLIS = 10_000;

    @Test
    @Timeout(60)
    void aFreshConsumerReceivesAfterASelectorConsumerWasClosedAndTheQueueDrained() throws Exception {
        runIssueSequence("stuck", false);
    }

    @Test
    @Timeout(60)
    void aFreshConsumerReceivesWhileAConsumerOfANeverStartedConnectionIsAttached() throws Exception {
        for (int round = 0; round < 3; round++) {
            runIssueSequence("stuck-idle", true);
        }
    }

    @Test
    @Timeout(60)
    void aConsumerOfANeverStartedConnectionTakesNoQueueMessage() throws Exception {
        Connection idle = connection();
        Session idleSession = idle.createSession();
        MessageConsumer idleConsumer = idleSession.createConsumer(idleSession.createQueue("idle"));
        try (JMSContext context = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("idle");
            JMSConsumer consumer = context.createConsumer(queue);
            for (int i = 0; i < 10; i++) {
                context.createProducer().send(queue, "m" + i);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(consumer.receiveBody(String.class, RECEIVE_MILLIS)).isEqualTo("m" + i);
            }
        }
        idle.start();
        assertThat(idleConsumer.receiveNoWait()).isNull();
    }

    @Test
    @Timeout(60)
    void aConsumerCreatedBeforeStartReceivesOnceTheConnectionStarts() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("before-start");
        MessageConsumer consumer = session.createConsumer(queue);
        session.createProducer(queue).send(session.createTextMessage("waits"));
        assertThat(consumer.receiveNoWait()).isNull();
        connection.start();
        assertThat(((TextMessage) consumer.receive(RECEIVE_MILLIS)).getText()).isEqualTo("waits");
    }

    @Test
    @Timeout(60)
    void stoppingAConnectionGivesBackWhatItsConsumersHeldAhead() throws Exception {
        Connection stopping = connection();
        Session stoppingSession = stopping.createSession();
        Queue queue = stoppingSession.createQueue("stopped");
        MessageConsumer holder = stoppingSession.createConsumer(queue);
        stopping.start();
        MessageProducer producer = stoppingSession.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(stoppingSession.createTextMessage("m" + i));
        }
        TextMessage first = (TextMessage) holder.receive(RECEIVE_MILLIS);
        assertThat(first.getText()).isEqualTo("m0");
        stopping.stop();

        Connection other = connection();
        Session otherSession = other.createSession();
        MessageConsumer taker = otherSession.createConsumer(queue);
        other.start();
        List<String> taken = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            TextMessage m = (TextMessage) taker.receive(RECEIVE_MILLIS);
            assertThat(m).as("message %d of those the stopped consumer held", i).isNotNull();
            assertThat(m.getJMSRedelivered()).isFalse();
            taken.add(m.getText());
        }
        assertThat(taken).containsExactly("m1", "m2", "m3", "m4");
        taker.close();

        producer.send(stoppingSession.createTextMessage("after restart"));
        stopping.start();
        assertThat(((TextMessage) holder.receive(RECEIVE_MILLIS)).getText()).isEqualTo("after restart");
    }

    /**
     * The sequence of the issue; with {@code harnessConsumer} each step also has, like the conformance
     * harness, a consumer on the queue on a connection that is never started.
     */
    private void runIssueSequence(String name, boolean harnessConsumer) throws Exception {
        try (AutoCloseable harness = harnessConsumer(name, harnessConsumer);
             JMSContext context = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue(name);
            context.createConsumer(queue).close();
            context.createConsumer(queue, "lastMessage = TRUE").close();
        }
        drain(name);

        try (AutoCloseable harness = harnessConsumer(name, harnessConsumer);
             JMSContext context = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue(name);
            JMSConsumer consumer = context.createConsumer(queue);
            context.createProducer().send(queue, "arrives");
            assertThat(consumer.receiveBody(String.class, RECEIVE_MILLIS)).isEqualTo("arrives");
            context.createProducer().send(queue, "arrives too");
            assertThat(consumer.receiveBody(String.class, RECEIVE_MILLIS)).isEqualTo("arrives too");
        }
        drain(name);
    }

    private AutoCloseable harnessConsumer(String name, boolean wanted) throws Exception {
        if (!wanted) {
            return () -> { };
        }
        Connection connection = factory().createConnection();
        Session session = connection.createSession();
        session.createConsumer(session.createQueue(name));
        return connection;
    }

    private void drain(String name) throws Exception {
        try (QueueConnection connection = factory().createQueueConnection()) {
            connection.start();
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueReceiver receiver = session.createReceiver(session.createQueue(name));
            while (receiver.receive(200) != null) {
                // drained
            }
        }
    }
}
