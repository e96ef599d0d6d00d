package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.JmsResources;
import io.logjms.compat.logjms.LogJmsProvider;
import io.logjms.compat.logjms.LogJmsTransport;
import io.logjms.compat.report.QueueVsLogReportListener;
import io.logjms.provider.admin.LogJmsAdmin;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestReporter;

/**
 * Common ground of the queue-vs-log scenarios: JMS objects closed after each scenario, unique names, bounded
 * receives, and the one-line observation each scenario publishes for {@code queue-vs-log.md}.
 *
 * <p>A scenario publishes its observation (what the provider actually did) before asserting, so the report
 * shows what happened even when an assertion fails.
 */
abstract class QueueVsLogScenario {

    static final long RECEIVE_TIMEOUT_MS = 5_000;
    static final long ABSENCE_TIMEOUT_MS = 300;
    static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(15);

    final JmsResources resources = new JmsResources();

    @AfterEach
    void closeScenarioResources() throws JMSException {
        resources.close();
    }

    static boolean isLogJms(JmsProviderUnderTest provider) {
        return provider instanceof LogJmsProvider;
    }

    /** How the logjms provider under test is reached, for a scenario that starts a broker of its own. */
    static LogJmsTransport transport(JmsProviderUnderTest provider) {
        return ((LogJmsProvider) provider).transport();
    }

    /** A name no other scenario uses; only characters every provider accepts in a destination name. */
    static String unique(String prefix) {
        return "qvl." + prefix + "." + UUID.randomUUID();
    }

    /** Records what {@code provider} did in this scenario; the report shows it next to the outcome. */
    static void observe(TestReporter reporter, String observation) {
        reporter.publishEntry(QueueVsLogReportListener.OBSERVATION_KEY, observation);
    }

    LogJmsAdmin admin(String url) {
        LogJmsAdmin admin = LogJmsAdmin.connect(url);
        return resources.track(admin, admin::close);
    }

    Connection startedConnection(ConnectionFactory factory, String clientIdOrNull) throws JMSException {
        Connection connection = factory.createConnection();
        resources.track(connection, connection::close);
        if (clientIdOrNull != null) {
            connection.setClientID(clientIdOrNull);
        }
        connection.start();
        return connection;
    }

    Session session(JmsProviderUnderTest provider) throws JMSException {
        return session(provider.connectionFactory(), null, Session.AUTO_ACKNOWLEDGE);
    }

    Session session(ConnectionFactory factory, String clientIdOrNull, int mode) throws JMSException {
        return startedConnection(factory, clientIdOrNull).createSession(false, mode);
    }

    /** Sends {@code count} text messages {@code prefix0 .. prefix<count-1>}, in order; returns the bodies. */
    static List<String> sendTexts(Session session, Destination destination, String prefix, int count)
            throws JMSException {
        List<String> bodies = numbered(prefix, count);
        try (MessageProducer producer = session.createProducer(destination)) {
            for (String body : bodies) {
                producer.send(session.createTextMessage(body));
            }
        }
        return bodies;
    }

    static List<String> numbered(String prefix, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(prefix + i);
        }
        return bodies;
    }

    /** Receives exactly {@code count} messages, failing when one does not arrive within the receive timeout. */
    static List<Message> receive(MessageConsumer consumer, int count) throws JMSException {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
            assertThat(message).as("message %d of %d within %d ms", i + 1, count, RECEIVE_TIMEOUT_MS).isNotNull();
            messages.add(message);
        }
        return messages;
    }

    /** Receives until nothing more arrives within {@link #ABSENCE_TIMEOUT_MS}, returning what arrived. */
    static List<Message> drain(MessageConsumer consumer) throws JMSException {
        List<Message> messages = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(ABSENCE_TIMEOUT_MS)) != null) {
            messages.add(message);
        }
        return messages;
    }

    /**
     * Waits up to {@link #RECEIVE_TIMEOUT_MS} for a first message, then receives until nothing more arrives within
     * {@link #ABSENCE_TIMEOUT_MS}: for a consumer that expects at least one message, so a slow first delivery on
     * a loaded machine is not mistaken for none.
     */
    static List<Message> awaitThenDrain(MessageConsumer consumer) throws JMSException {
        List<Message> messages = new ArrayList<>();
        Message first = consumer.receive(RECEIVE_TIMEOUT_MS);
        if (first != null) {
            messages.add(first);
            messages.addAll(drain(consumer));
        }
        return messages;
    }

    static List<String> texts(List<Message> messages) throws JMSException {
        List<String> bodies = new ArrayList<>();
        for (Message message : messages) {
            bodies.add(((TextMessage) message).getText());
        }
        return bodies;
    }
}
