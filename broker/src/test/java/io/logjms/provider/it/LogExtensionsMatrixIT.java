package io.logjms.provider.it;

import static io.logjms.provider.it.QueueIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsProperties;
import io.logjms.provider.LogMessageConsumer;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every log extension method on every kind of consumer, before and after a broker restart (the
 * subscriptions that outlive their consumers are opened again on the restarted broker).
 */
class LogExtensionsMatrixIT extends EmbeddedBrokerSupport {

    enum Kind {
        NON_DURABLE(false), DURABLE(true), SHARED(false), SHARED_DURABLE(true), QUEUE(true);

        final boolean survivesRestart;

        Kind(boolean survivesRestart) {
            this.survivesRestart = survivesRestart;
        }

        boolean sharedCursor() {
            return this == SHARED || this == SHARED_DURABLE || this == QUEUE;
        }

        /** What the consumer reads: a topic subscription starts at the earliest record. */
        Destination destination(Session session, String name) throws JMSException {
            return this == QUEUE ? session.createQueue(name) : session.createTopic(name + "?start=earliest");
        }

        /** What producers send to: the same destination without options (they apply to subscriptions). */
        Destination sendTo(Session session, String name) throws JMSException {
            return this == QUEUE ? session.createQueue(name) : session.createTopic(name);
        }

        LogMessageConsumer open(Session session, Destination destination) throws JMSException {
            MessageConsumer consumer = switch (this) {
                case NON_DURABLE, QUEUE -> session.createConsumer(destination);
                case DURABLE -> session.createDurableConsumer((jakarta.jms.Topic) destination, "matrix");
                case SHARED -> session.createSharedConsumer((jakarta.jms.Topic) destination, "matrix");
                case SHARED_DURABLE -> session.createSharedDurableConsumer((jakarta.jms.Topic) destination, "matrix");
            };
            return (LogMessageConsumer) consumer;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyMethodWorksOnEveryKindOfConsumer(Kind kind) throws Exception {
        String name = "matrix-" + kind.name().toLowerCase();
        Instant between;
        try (Connection connection = clientConnection()) {
            Session session = connection.createSession();
            Destination destination = kind.destination(session, name);
            LogExtensionsIT.send(session, kind.sendTo(session, name), "m0", "m1");
            between = LogExtensionsIT.awaitLaterInstant();
            LogExtensionsIT.send(session, kind.sendTo(session, name), "m2");
            LogMessageConsumer consumer = kind.open(session, destination);
            connection.start();
            List<Message> first = receive(consumer, 3);
            assertThat(texts(first)).containsExactly("m0", "m1", "m2");
            int partition = first.get(0).getIntProperty(LogJmsProperties.PARTITION);
            exercise(kind, consumer, partition, between);
        }
        if (!kind.survivesRestart) {
            return;
        }
        broker.close();
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        try (Connection connection = clientConnection()) {
            Session session = connection.createSession();
            LogMessageConsumer consumer = kind.open(session, kind.destination(session, name));
            connection.start();
            assertThat(consumer.receive(300)).as("the seek to the end before the restart was kept").isNull();
            consumer.seekToBeginning();
            List<Message> again = receive(consumer, 3);
            assertThat(texts(again)).containsExactly("m0", "m1", "m2");
            exercise(kind, consumer, again.get(0).getIntProperty(LogJmsProperties.PARTITION), between);
        }
    }

    /**
     * seekToBeginning, seekToTime, seek, positions and seekToEnd, on a consumer that has read m0..m2. Right
     * after a seek, a shared cursor's position may already count records on their way to the consumer
     * (docs/EXTENSIONS.md), so there it lies between the seek's target and the log end.
     */
    private static void exercise(Kind kind, LogMessageConsumer consumer, int partition, Instant between)
            throws JMSException {
        assertThat(consumer.positions()).containsEntry(partition, 3L);
        consumer.seekToBeginning();
        assertPositionAfterSeek(kind, consumer, partition, 0L);
        assertThat(texts(receive(consumer, 3))).containsExactly("m0", "m1", "m2");
        consumer.seekToTime(between);
        assertThat(texts(receive(consumer, 1))).containsExactly("m2");
        consumer.seek(partition, 1);
        assertPositionAfterSeek(kind, consumer, partition, 1L);
        assertThat(texts(receive(consumer, 2))).containsExactly("m1", "m2");
        consumer.seekToEnd();
        assertThat(consumer.positions()).isEqualTo(Map.of(partition, 3L));
        assertThat(consumer.receive(200)).isNull();
    }

    private static void assertPositionAfterSeek(Kind kind, LogMessageConsumer consumer, int partition, long target)
            throws JMSException {
        if (kind.sharedCursor()) {
            assertThat(consumer.positions().get(partition)).isBetween(target, 3L);
        } else {
            assertThat(consumer.positions()).containsEntry(partition, target);
        }
    }

    private Connection clientConnection() throws JMSException {
        Connection connection = factory().createConnection();
        connection.setClientID("matrix");
        return connection;
    }

    private static List<Message> receive(MessageConsumer consumer, int n) throws JMSException {
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message m = consumer.receive(5000);
            assertThat(m).as("message %d of %d", i + 1, n).isNotNull();
            got.add(m);
        }
        return got;
    }

    private static List<String> texts(List<Message> messages) {
        List<String> texts = new ArrayList<>();
        for (Message m : messages) {
            texts.add(text(m));
        }
        return texts;
    }
}
