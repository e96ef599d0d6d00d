package io.logjms.examples;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

/**
 * Sends and receives one message on a queue and one on a topic, with nothing but the standard JMS API
 * and a logjms connection factory.
 *
 * <pre>
 * bin/logjms-broker                      # in one terminal
 * bin/logjms-example QuickStart          # in another; optional argument: broker URL
 * </pre>
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "logjms://localhost:7878";
        ConnectionFactory factory = new LogJmsConnectionFactory(url);
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("quickstart.queue");
            context.createProducer().send(queue, "Hello, queue");
            String fromQueue = context.createConsumer(queue).receiveBody(String.class, 5_000);
            System.out.println("received from " + queue + ": " + fromQueue);

            Topic topic = context.createTopic("quickstart.topic");
            try (JMSConsumer subscriber = context.createConsumer(topic)) {
                context.createProducer().send(topic, "Hello, topic");
                String fromTopic = subscriber.receiveBody(String.class, 5_000);
                System.out.println("received from " + topic + ": " + fromTopic);
            }
        }
    }
}
