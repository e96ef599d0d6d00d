package io.logjms.examples;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;
import java.util.Properties;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Moving a queue application to logjms, then giving it replay.
 *
 * <p><b>Step 1</b>: an order application written for any JMS provider. It uses only {@code jakarta.jms}
 * and JNDI (the methods below {@code main} have no logjms type in them). A shop sends orders to the queue {@code orders}; fulfilment takes each
 * order once and publishes an event to the topic {@code orderEvents}, which a live notifier receives.
 * A subscriber that arrives later gets nothing: in JMS, a topic message goes to the subscribers that
 * existed when it was sent. Only the JNDI properties name logjms.
 *
 * <p><b>Step 2</b>: replay, with no change to that code. One JNDI property changes,
 * {@code topic.orderEvents = orderEvents?start=earliest}, and the same late subscriber, an auditor,
 * reads the whole history of order events from the log. Then, with the one logjms type
 * ({@code io.logjms.provider.LogJMSConsumer}, or {@code LogMessageConsumer} in the classic API), a
 * consumer seeks the queue back to its beginning to
 * process every order again (say, after fixing a bug in fulfilment).
 *
 * <p>It works on the queue {@code examples.orders} and the topic {@code examples.orderEvents}, which it
 * deletes (with the admin API) before it starts and when it ends: each run starts from empty logs and
 * leaves nothing behind.
 *
 * <pre>
 * bin/logjms-example QueueMigration      # optional argument: broker URL
 * </pre>
 */
public final class QueueMigration {
    /** Deleted before and after each run, so a run starts from empty logs. */
    static final String ORDERS = "examples.orders";
    static final String EVENTS = "examples.orderEvents";

    private QueueMigration() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "logjms://localhost:7878";
        try (ExampleDestinations cleanup = ExampleDestinations.fresh(url, List.of(EVENTS), List.of(ORDERS))) {
            run(url);
        }
    }

    private static void run(String url) throws Exception {

        // ---- Step 1: the unchanged JMS application, configured for logjms through JNDI only ----
        Properties jndi = new Properties();
        jndi.setProperty(Context.INITIAL_CONTEXT_FACTORY, "io.logjms.provider.jndi.LogJmsInitialContextFactory");
        jndi.setProperty("connectionFactory.ConnectionFactory", url);
        jndi.setProperty("queue.orders", ORDERS);
        jndi.setProperty("topic.orderEvents", EVENTS);
        System.out.println("step 1: JNDI properties (the only place logjms is named):");
        jndi.stringPropertyNames().stream().sorted()
                .forEach(key -> System.out.println("  " + key + " = " + jndi.getProperty(key)));

        Context context = new InitialContext(jndi);
        try {
            ConnectionFactory factory = (ConnectionFactory) context.lookup("ConnectionFactory");
            Queue orders = (Queue) context.lookup("orders");
            Topic orderEvents = (Topic) context.lookup("orderEvents");
            try (JMSContext jms = factory.createContext();
                    JMSConsumer notifier = jms.createConsumer(orderEvents)) {
                placeOrders(jms, orders);
                fulfilOrders(jms, orders, orderEvents);
                receiveAll("step 1: notifier (live subscriber) got", notifier);
            }
            checkQueueEmpty(factory, orders);
            subscribeToOrderEvents(factory, orderEvents, "step 1: late subscriber got");
        } finally {
            context.close();
        }

        // ---- Step 2: replay. The code above is unchanged; one JNDI property gains an option ----
        jndi.setProperty("topic.orderEvents", EVENTS + "?start=earliest");
        System.out.println("step 2: topic.orderEvents = " + jndi.getProperty("topic.orderEvents"));
        context = new InitialContext(jndi);
        try {
            ConnectionFactory factory = (ConnectionFactory) context.lookup("ConnectionFactory");
            Topic orderEvents = (Topic) context.lookup("orderEvents");
            // The same plain JMS method as the late subscriber of step 1: now it reads the history.
            subscribeToOrderEvents(factory, orderEvents, "step 2: auditor (late subscriber, start=earliest) got");

            // The code-level extension: a queue consumer that is the queue's only consumer may seek
            // the queue's cursor. Every order, although acknowledged, is delivered once more.
            Queue orders = (Queue) context.lookup("orders");
            try (JMSContext jms = factory.createContext();
                    JMSConsumer consumer = jms.createConsumer(orders)) {
                ((io.logjms.provider.LogJMSConsumer) consumer).seekToBeginning();
                receiveAll("step 2: queue after seekToBeginning gave", consumer);
            }
        } finally {
            context.close();
        }
    }

    // ---- the application: plain JMS, no logjms type below this line ----

    /** The shop: three orders onto the queue. */
    static void placeOrders(JMSContext jms, Queue orders) {
        for (int i = 1; i <= 3; i++) {
            jms.createProducer().send(orders, "order #" + i);
        }
        System.out.println("step 1: shop sent 3 orders to " + orders);
    }

    /** Fulfilment: takes each order from the queue (once) and announces it on the topic. */
    static void fulfilOrders(JMSContext jms, Queue orders, Topic orderEvents) {
        try (JMSConsumer consumer = jms.createConsumer(orders)) {
            String order;
            while ((order = consumer.receiveBody(String.class, 1_000)) != null) {
                System.out.println("step 1: fulfilment processed " + order);
                jms.createProducer().send(orderEvents, order + " shipped");
            }
        }
    }

    /** Fulfilment took each order once: nothing is left. */
    static void checkQueueEmpty(ConnectionFactory factory, Queue orders) {
        try (JMSContext jms = factory.createContext();
                JMSConsumer consumer = jms.createConsumer(orders)) {
            Message left = consumer.receive(500);
            System.out.println("step 1: orders left on the queue: " + (left == null ? "none" : text(left)));
        }
    }

    /** A subscriber that arrives after the events were published, e.g. a new audit service. */
    static void subscribeToOrderEvents(ConnectionFactory factory, Topic orderEvents, String label) {
        try (JMSContext jms = factory.createContext();
                JMSConsumer subscriber = jms.createConsumer(orderEvents)) {
            receiveAll(label, subscriber);
        }
    }

    static void receiveAll(String label, JMSConsumer consumer) {
        int count = 0;
        Message message;
        while ((message = consumer.receive(1_000)) != null) {
            count++;
            System.out.println(label + ": " + text(message));
        }
        System.out.println(label + " " + count + " message(s)");
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
