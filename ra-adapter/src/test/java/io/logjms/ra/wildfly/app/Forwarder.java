package io.logjms.ra.wildfly.app;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * What the test beans do with a message they got: send its text, with the delivery count it arrived with,
 * to a queue the test reads from outside the container, through the adapter's pooled connection factory
 * (inside the caller's transaction when there is one).
 */
public final class Forwarder {
    /** JNDI name of the adapter's connection definition (META-INF/ironjacamar.xml of the rar). */
    public static final String FACTORY = "java:/jms/logjms/ConnectionFactory";
    public static final String DELIVERY_COUNT = "seenDeliveryCount";
    public static final String SEEN_BY = "seenBy";

    private Forwarder() {
    }

    public static void forward(ConnectionFactory factory, Message received, String queue, String bean) {
        try {
            int count = received.propertyExists("JMSXDeliveryCount") ? received.getIntProperty("JMSXDeliveryCount") : 1;
            send(factory, queue, ((TextMessage) received).getText(), count, bean);
        } catch (JMSException e) {
            throw new IllegalStateException("could not forward to " + queue + ": " + e, e);
        }
    }

    public static void send(ConnectionFactory factory, String queue, String text, int deliveryCount, String bean)
            throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            TextMessage message = session.createTextMessage(text);
            message.setIntProperty(DELIVERY_COUNT, deliveryCount);
            message.setStringProperty(SEEN_BY, bean);
            producer.send(message);
        }
    }
}
