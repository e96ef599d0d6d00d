package io.logjms.ra.wildfly;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The logjms broker of the container tests: in the test JVM (outside the container), on 127.0.0.1 and an
 * ephemeral port, started once for the test class. A shutdown hook closes it if the class does not.
 */
final class TestBroker {
    /** Deliveries after which the broker dead-letters a queue message (the adapter's tests rely on it). */
    static final int MAX_DELIVERY_ATTEMPTS = 3;

    private static TestBroker instance;

    private final Path dataDir;
    private final Broker broker;
    private final Connection connection;
    private boolean closed;

    private TestBroker() throws IOException, JMSException {
        dataDir = Files.createTempDirectory("logjms-ra-it");
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0)
                .set("delivery.max.attempts", Integer.toString(MAX_DELIVERY_ATTEMPTS)).build().start();
        connection = new LogJmsConnectionFactory(url()).createConnection();
        connection.start();
    }

    static synchronized TestBroker get() {
        if (instance == null) {
            try {
                instance = new TestBroker();
            } catch (IOException | JMSException e) {
                throw new IllegalStateException("could not start the test broker: " + e, e);
            }
            TestBroker started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "logjms-ra-it-broker-stop"));
        }
        return instance;
    }

    String url() {
        return "logjms://127.0.0.1:" + broker.port();
    }

    /** XA requests of the kind {@code request} the broker carried out (its {@code logjms_xa_requests_total}). */
    double xaRequests(String request) {
        return broker.metrics().xaRequests(request);
    }

    void send(String destination, boolean topic, String... texts) throws JMSException {
        try (Session session = connection.createSession()) {
            MessageProducer producer = session.createProducer(topic ? session.createTopic(destination)
                    : session.createQueue(destination));
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    /** Receives from {@code queue} until it stays empty for {@code quietMs} or {@code max} messages came. */
    List<Message> drain(String queue, int max, long firstWaitMs, long quietMs) throws JMSException {
        List<Message> received = new ArrayList<>();
        try (Session session = connection.createSession()) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            long deadline = System.currentTimeMillis() + firstWaitMs;
            while (received.size() < max) {
                long wait = received.isEmpty() ? Math.max(1, deadline - System.currentTimeMillis()) : quietMs;
                Message message = consumer.receive(wait);
                if (message == null) {
                    if (!received.isEmpty() || System.currentTimeMillis() >= deadline) {
                        break;
                    }
                    continue;
                }
                received.add(message);
            }
        }
        return received;
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (JMSException e) {
            // the broker goes next anyway
        }
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
