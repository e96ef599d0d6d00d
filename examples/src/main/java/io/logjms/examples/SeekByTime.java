package io.logjms.examples;

import io.logjms.provider.LogJMSConsumer;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsProperties;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Instant;
import java.util.List;

/**
 * Reads a topic from a point in time: a subscriber created after the messages were published still
 * gets those published since an instant, because the topic is a log that keeps them.
 *
 * <ol>
 *   <li>publishes a first batch, notes the time, publishes a second batch;</li>
 *   <li>in code: a new subscriber (which starts at the log end, like any JMS subscriber) calls
 *       {@code seekToTime(instant)} on {@link LogJMSConsumer} and reads only the second batch;</li>
 *   <li>in configuration: a subscriber on {@code createTopic("<name>?start=<instant>")} starts there by
 *       itself, with no logjms type in the code; the same name works in a JNDI {@code topic.*}
 *       property.</li>
 * </ol>
 *
 * Times are the timestamps the sending client gave the messages (its clock). It works on the topic
 * {@code examples.readings}, which it deletes (with the admin API) before it starts and when it ends,
 * so each run starts from an empty log and leaves nothing behind.
 *
 * <pre>
 * bin/logjms-example SeekByTime      # optional argument: broker URL
 * </pre>
 */
public final class SeekByTime {
    /** Deleted before and after each run, so a run starts from an empty log. */
    static final String TOPIC = "examples.readings";

    private SeekByTime() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "logjms://localhost:7878";
        String topicName = TOPIC;
        ConnectionFactory factory = new LogJmsConnectionFactory(url);

        try (JMSContext context = factory.createContext();
                ExampleDestinations cleanup = ExampleDestinations.fresh(url, List.of(TOPIC), List.of())) {
            Topic topic = context.createTopic(topicName);

            // 1. Two batches with an instant between them. Nobody subscribes yet: in plain JMS these
            //    messages would be gone for every later subscriber; in logjms the log keeps them.
            for (int i = 1; i <= 3; i++) {
                context.createProducer().send(topic, "first batch #" + i);
            }
            Thread.sleep(50);   // so that the two batches' timestamps lie clearly on either side
            Instant between = Instant.now();
            Thread.sleep(50);
            for (int i = 1; i <= 3; i++) {
                context.createProducer().send(topic, "second batch #" + i);
            }
            System.out.println("published 3 + 3 messages to " + topic + "; the second batch after " + between);

            // 2. In code: every JMSConsumer logjms returns is a LogJMSConsumer.
            try (JMSConsumer consumer = context.createConsumer(topic)) {
                LogJMSConsumer log = (LogJMSConsumer) consumer;
                System.out.println("new subscriber positions: " + log.positions() + " (the log end)");
                // Moves every partition to its first record stamped at or after the instant.
                log.seekToTime(between);
                System.out.println("positions after seekToTime: " + log.positions());
                printAll("seekToTime", consumer);
            }

            // 3. In configuration: the destination name carries the start position. It applies when
            //    the subscription is created (every non-durable subscriber; a durable one the first
            //    time only). A producer would send to the same topic: options only shape subscriptions.
            Topic fromInstant = context.createTopic(topicName + "?start=" + between);
            try (JMSConsumer consumer = context.createConsumer(fromInstant)) {
                printAll("createTopic(\"" + topicName + "?start=" + between + "\")", consumer);
            }
        }
    }

    /** Receives until nothing more comes within a second, printing each message and where it is stored. */
    private static void printAll(String how, JMSConsumer consumer) throws JMSException {
        int count = 0;
        Message message;
        while ((message = consumer.receive(1_000)) != null) {
            count++;
            System.out.println(how + " read: '" + ((TextMessage) message).getText() + "'"
                    + " partition=" + message.getIntProperty(LogJmsProperties.PARTITION)
                    + " offset=" + message.getLongProperty(LogJmsProperties.OFFSET));
        }
        System.out.println(how + ": " + count + " message(s)");
    }
}
