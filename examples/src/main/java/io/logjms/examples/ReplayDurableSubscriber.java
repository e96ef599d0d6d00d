package io.logjms.examples;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsProperties;
import io.logjms.provider.LogMessageConsumer;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;

/**
 * Replays a durable subscription: the messages it already consumed are delivered again, because a
 * logjms topic is a log that keeps them (until retention deletes them) and a durable subscription is
 * only a cursor into it.
 *
 * <ol>
 *   <li>creates a durable subscription and publishes five messages to its topic;</li>
 *   <li>consumes them, as any JMS application would;</li>
 *   <li>casts the consumer to {@link LogMessageConsumer}, calls {@code seekToBeginning()} and reads the
 *       same five messages again, printing where each is stored ({@code JMS_LogJMS_Partition},
 *       {@code JMS_LogJMS_Offset});</li>
 *   <li>seeks to the fourth message, closes the consumer, opens the subscription again and gets the
 *       fourth and fifth: a seek moves the subscription's committed cursor in the broker, so it outlives
 *       the consumer (and a broker restart).</li>
 * </ol>
 *
 * It works on the topic {@code examples.prices}, which it deletes (with the admin API) before it starts
 * and when it ends, so each run starts from an empty log and leaves nothing behind; the subscription is
 * also deleted at the end.
 *
 * <pre>
 * bin/logjms-example ReplayDurableSubscriber      # optional argument: broker URL
 * </pre>
 */
public final class ReplayDurableSubscriber {
    /** Deleted before and after each run, so a run starts from an empty log. */
    static final String TOPIC = "examples.prices";

    private ReplayDurableSubscriber() {
    }

    public static void main(String[] args) throws JMSException {
        String url = args.length > 0 ? args[0] : "logjms://localhost:7878";
        String subscriptionName = "price-history";
        ConnectionFactory factory = new LogJmsConnectionFactory(url);

        try (Connection connection = factory.createConnection();
                ExampleDestinations cleanup = ExampleDestinations.fresh(url, List.of(TOPIC), List.of())) {
            // An unshared durable subscription is identified by client id + subscription name.
            connection.setClientID("replay-example");
            connection.start();
            try (Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
                Topic topic = session.createTopic(TOPIC);

                // 1. Subscribe first (a new subscription starts at the end of the log), then publish.
                int fourthPartition = -1;
                long fourthOffset = -1;
                try (MessageConsumer consumer = session.createDurableConsumer(topic, subscriptionName);
                        MessageProducer producer = session.createProducer(topic)) {
                    for (int i = 1; i <= 5; i++) {
                        producer.send(session.createTextMessage("price #" + i));
                    }
                    System.out.println("published 5 messages to " + topic);

                    // 2. Plain JMS: consume them. AUTO_ACKNOWLEDGE acknowledges each one, so the
                    //    subscription's committed position moves past all five.
                    for (int i = 0; i < 5; i++) {
                        System.out.println("first read: " + describe(consumer.receive(5_000)));
                    }

                    // The extension: every consumer logjms returns is a LogMessageConsumer.
                    LogMessageConsumer log = (LogMessageConsumer) consumer;
                    // positions(): per partition, the offset of the next message the consumer hands out.
                    System.out.println("positions after reading: " + log.positions());

                    // 3. Back to the oldest record the log holds: the acknowledged messages come again.
                    log.seekToBeginning();
                    System.out.println("positions after seekToBeginning: " + log.positions());
                    for (int i = 1; i <= 5; i++) {
                        Message message = consumer.receive(5_000);
                        System.out.println("replayed: " + describe(message));
                        if (i == 4) {
                            fourthPartition = message.getIntProperty(LogJmsProperties.PARTITION);
                            fourthOffset = message.getLongProperty(LogJmsProperties.OFFSET);
                        }
                    }
                    System.out.println("after the replay: " + describe(consumer.receive(500)));

                    // 4. Seek one partition to an offset (the fourth message's), then stop before reading.
                    //    What the client had prefetched is discarded; the broker stores the new position.
                    log.seek(fourthPartition, fourthOffset);
                    System.out.println("positions after seek(" + fourthPartition + ", " + fourthOffset + "): "
                            + log.positions());
                }
                System.out.println("consumer closed; opening the durable subscription again");

                try (MessageConsumer reopened = session.createDurableConsumer(topic, subscriptionName)) {
                    Message message;
                    while ((message = reopened.receive(1_000)) != null) {
                        System.out.println("after reopening: " + describe(message));
                    }
                }
                // A durable subscription lives until it is deleted: remove this run's.
                session.unsubscribe(subscriptionName);
                System.out.println("deleted durable subscription " + subscriptionName);
            }
        }
    }

    /** The message's text and where the log stores it (provider properties set on every received message). */
    private static String describe(Message message) throws JMSException {
        if (message == null) {
            return "nothing (no message within the timeout)";
        }
        return "'" + ((TextMessage) message).getText() + "'"
                + " partition=" + message.getIntProperty(LogJmsProperties.PARTITION)
                + " offset=" + message.getLongProperty(LogJmsProperties.OFFSET);
    }
}
