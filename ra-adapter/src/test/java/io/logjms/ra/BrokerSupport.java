package io.logjms.ra;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the adapter's in-JVM integration tests: a real logjms broker on 127.0.0.1 and an ephemeral port
 * (queue messages dead-lettered after {@link #MAX_DELIVERY_ATTEMPTS} deliveries), and a plain client
 * connection to send and check with.
 */
@Timeout(60)
abstract class BrokerSupport {
    static final int MAX_DELIVERY_ATTEMPTS = 2;

    @TempDir
    Path dataDir;
    Broker broker;
    Connection client;

    @BeforeEach
    void startBroker() throws JMSException {
        broker = newBroker(0);
        client = new LogJmsConnectionFactory(url()).createConnection();
        client.start();
    }

    private Broker newBroker(int port) {
        return Broker.builder().dataDir(dataDir).host("127.0.0.1").port(port)
                .set("delivery.max.attempts", Integer.toString(MAX_DELIVERY_ATTEMPTS)).build().start();
    }

    @AfterEach
    void stopBroker() {
        try {
            client.close();
        } catch (JMSException e) {
            // a test that stopped the broker
        }
        broker.close();
    }

    void restartBrokerOnSamePort() {
        int port = broker.port();
        broker.close();
        broker = newBroker(port);
    }

    String url() {
        return "logjms://127.0.0.1:" + broker.port() + "?requestTimeout=5000";
    }

    void send(String queue, String... texts) throws JMSException {
        send(false, queue, texts);
    }

    void publish(String topic, String... texts) throws JMSException {
        send(true, topic, texts);
    }

    private void send(boolean topic, String destination, String... texts) throws JMSException {
        try (Session session = client.createSession()) {
            MessageProducer producer = session.createProducer(topic ? session.createTopic(destination)
                    : session.createQueue(destination));
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    /** What {@code queue} holds now: receives until nothing comes for {@code quietMs}. */
    List<String> drain(String queue, long quietMs) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Session session = client.createSession()) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message message;
            while ((message = consumer.receive(quietMs)) != null) {
                texts.add(((TextMessage) message).getText());
            }
        }
        return texts;
    }
}
