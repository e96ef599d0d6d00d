package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.JmsResources;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;

/**
 * Common ground of the scenarios: opening connections and contexts that are closed after each scenario, unique
 * destination names, and bounded receives.
 *
 * <p>Positive receives wait up to {@link #RECEIVE_TIMEOUT_MS} but return as soon as a message arrives; checks that
 * nothing arrives wait {@link #ABSENCE_TIMEOUT_MS}, which keeps the suite fast while still catching a provider
 * that delivers what it must not.
 */
abstract class JmsScenario {

    static final long RECEIVE_TIMEOUT_MS = 5_000;
    static final long ABSENCE_TIMEOUT_MS = 200;
    static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(5);

    final JmsResources resources = new JmsResources();

    @AfterEach
    void closeScenarioResources() throws JMSException {
        resources.close();
    }

    /** A name no other scenario uses, so scenarios never share a destination or subscription. */
    static String unique(String prefix) {
        return "compat." + prefix + "." + UUID.randomUUID();
    }

    /** Skips the current scenario for a provider that knowingly deviates from the specification here. */
    static void assumeSpecCompliant(JmsProviderUnderTest provider, SpecDeviation deviation) {
        Assumptions.assumeFalse(provider.deviatesFrom(deviation),
                () -> provider.name() + " deviates from Jakarta Messaging 3.1: " + deviation.description());
    }

    Connection connection(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = provider.connectionFactory().createConnection();
        return resources.track(connection, connection::close);
    }

    Connection startedConnection(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.start();
        return connection;
    }

    /** A non-transacted, auto-acknowledging session on a new started connection. */
    Session session(JmsProviderUnderTest provider) throws JMSException {
        return startedConnection(provider).createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    JMSContext context(JmsProviderUnderTest provider) {
        return context(provider, JMSContext.AUTO_ACKNOWLEDGE);
    }

    JMSContext context(JmsProviderUnderTest provider, int sessionMode) {
        JMSContext context = provider.connectionFactory().createContext(sessionMode);
        return resources.track(context, context::close);
    }

    static Queue newQueue(Session session) throws JMSException {
        return session.createQueue(unique("queue"));
    }

    static Topic newTopic(Session session) throws JMSException {
        return session.createTopic(unique("topic"));
    }

    /** Sends text messages with the given bodies, in order, through a new producer. */
    static void sendTexts(Session session, jakarta.jms.Destination destination, String... bodies) throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        for (String body : bodies) {
            producer.send(session.createTextMessage(body));
        }
        producer.close();
    }

    /** Receives a message, failing the scenario when none arrives in time. */
    static Message receive(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
        assertThat(message).as("a message within %d ms", RECEIVE_TIMEOUT_MS).isNotNull();
        return message;
    }

    static String receiveText(MessageConsumer consumer) throws JMSException {
        Message message = receive(consumer);
        assertThat(message).isInstanceOf(TextMessage.class);
        return ((TextMessage) message).getText();
    }

    /** The body of a text message, usable in lambdas (message listeners) that cannot throw JMSException. */
    static String textOf(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read a text body", e);
        }
    }

    /** Receives exactly {@code count} text messages and returns their bodies in arrival order. */
    static List<String> receiveTexts(MessageConsumer consumer, int count) throws JMSException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(receiveText(consumer));
        }
        return bodies;
    }

    /** Asserts that no message arrives within {@link #ABSENCE_TIMEOUT_MS}. */
    static void assertNoMessage(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(ABSENCE_TIMEOUT_MS);
        assertThat(message).as("no message expected, got %s", message).isNull();
    }

    /** Receives until nothing more arrives within {@link #ABSENCE_TIMEOUT_MS}; returns the text bodies. */
    static List<String> drainTexts(MessageConsumer consumer) throws JMSException {
        List<String> bodies = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(ABSENCE_TIMEOUT_MS)) != null) {
            bodies.add(((TextMessage) message).getText());
        }
        return bodies;
    }

    /** Text bodies of the messages a browser currently shows, in browse order. */
    static List<String> browseTexts(QueueBrowser browser) throws JMSException {
        List<String> bodies = new ArrayList<>();
        for (Object element : elements(browser.getEnumeration())) {
            bodies.add(((TextMessage) element).getText());
        }
        return bodies;
    }

    /** The elements of one of the raw enumerations the JMS API returns. */
    static List<Object> elements(Enumeration<?> enumeration) {
        return new ArrayList<>(Collections.list(enumeration));
    }

    static String[] numbered(String prefix, int count) {
        String[] bodies = new String[count];
        for (int i = 0; i < count; i++) {
            bodies[i] = prefix + i;
        }
        return bodies;
    }
}
