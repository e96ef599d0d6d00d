package io.logjms.provider.it;

import static io.logjms.provider.it.QueueIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJMSConsumer;
import io.logjms.provider.LogJmsProperties;
import io.logjms.provider.LogMessageConsumer;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The log extensions on every kind of consumer: seeking to the beginning, the end, a time and an
 * offset, positions, the partition and offset properties, and the destination option {@code start}.
 */
class LogExtensionsIT extends EmbeddedBrokerSupport {

    @Override
    Broker.Builder configure(Broker.Builder builder) {
        return builder.partitionsDefault(2);
    }

    @Test
    void everyConsumerTheProviderReturnsIsALogConsumer() throws Exception {
        Connection connection = closeLater(factory().createConnection());
        connection.setClientID("kinds");
        Session session = connection.createSession();
        Topic topic = session.createTopic("kinds");
        Queue queue = session.createQueue("kinds");
        List<MessageConsumer> consumers = List.of(session.createConsumer(topic), session.createConsumer(queue),
                session.createDurableConsumer(topic, "d"), session.createSharedConsumer(topic, "s"),
                session.createSharedDurableConsumer(topic, "sd"),
                ((jakarta.jms.TopicSession) session).createSubscriber(topic),
                ((jakarta.jms.QueueSession) session).createReceiver(queue));
        assertThat(consumers).allSatisfy(c -> assertThat(c).isInstanceOf(LogMessageConsumer.class));
        try (JMSContext context = factory().createContext()) {
            assertThat(context.createConsumer(topic)).isInstanceOf(LogJMSConsumer.class);
            assertThat(context.createSharedConsumer(topic, "ctx")).isInstanceOf(LogJMSConsumer.class);
        }
    }

    @Test
    void receivedMessagesCarryTheirPartitionAndOffset() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("props");
        send(session, queue, "a", "b", "c");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        List<Long> offsets = new ArrayList<>();
        int partition = -1;
        for (int i = 0; i < 3; i++) {
            Message m = consumer.receive(5000);
            partition = m.getIntProperty(LogJmsProperties.PARTITION);
            offsets.add(m.getLongProperty(LogJmsProperties.OFFSET));
            assertThat(m.getObjectProperty(LogJmsProperties.PARTITION)).isInstanceOf(Integer.class);
            assertThat(m.getObjectProperty(LogJmsProperties.OFFSET)).isInstanceOf(Long.class);
        }
        assertThat(partition).isBetween(0, 1);
        assertThat(offsets).containsExactly(0L, 1L, 2L);
    }

    @Test
    void nonDurableSubscriberSeeksToBeginningTimeOffsetAndEnd() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Topic topic = session.createTopic("nondurable");
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(topic);
        connection.start();
        send(session, topic, "m0", "m1", "m2");
        Instant between = awaitLaterInstant();
        send(session, topic, "m3", "m4");
        assertThat(receiveTexts(consumer, 5)).containsExactly("m0", "m1", "m2", "m3", "m4");
        int partition = partitionOf(topic);

        consumer.seekToBeginning();
        assertThat(receiveTexts(consumer, 5)).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(consumer.receiveNoWait()).isNull();

        consumer.seekToTime(between);
        assertThat(receiveTexts(consumer, 2)).containsExactly("m3", "m4");

        consumer.seek(partition, 1);
        assertThat(consumer.positions()).containsEntry(partition, 1L);
        assertThat(receiveTexts(consumer, 4)).containsExactly("m1", "m2", "m3", "m4");

        consumer.seekToEnd();
        assertThat(consumer.positions()).containsEntry(partition, 5L);
        assertThat(consumer.receive(200)).isNull();
        send(session, topic, "m5");
        assertThat(receiveTexts(consumer, 1)).containsExactly("m5");
    }

    @Test
    void seekDiscardsPrefetchedMessagesSoNoneIsDeliveredTwice() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Topic topic = session.createTopic("prefetched");
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(topic);
        connection.start();
        send(session, topic, texts("p", 100));
        Message first = consumer.receive(5000);
        assertThat(text(first)).isEqualTo("p0");
        int partition = first.getIntProperty(LogJmsProperties.PARTITION);
        Awaitility.await().until(() -> consumer.positions().get(partition) == 1L);

        consumer.seek(partition, 50);
        List<String> rest = receiveTexts(consumer, 50);
        assertThat(rest).containsExactlyElementsOf(texts("p", 100).subList(50, 100));
        assertThat(consumer.receive(200)).isNull();
    }

    @Test
    void positionsShowTheNextOffsetTheApplicationGets() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Topic topic = session.createTopic("positions");
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(topic);
        connection.start();
        assertThat(consumer.positions()).isEqualTo(Map.of(0, 0L, 1, 0L));
        send(session, topic, "x0", "x1", "x2");
        Message first = consumer.receive(5000);
        assertThat(text(first)).isEqualTo("x0");
        int partition = first.getIntProperty(LogJmsProperties.PARTITION);
        assertThat(consumer.positions()).containsEntry(partition, 1L).containsEntry(1 - partition, 0L);
        assertThat(receiveTexts(consumer, 2)).containsExactly("x1", "x2");
        assertThat(consumer.positions()).containsEntry(partition, 3L);
    }

    @Test
    void durableSubscriptionReplaysAcrossReconnectAndBrokerRestart() throws Exception {
        String topicName = "durable-replay";
        try (Connection connection = factory().createConnection()) {
            connection.setClientID("replayer");
            Session session = connection.createSession();
            Topic topic = session.createTopic(topicName);
            MessageConsumer consumer = session.createDurableConsumer(topic, "audit");
            connection.start();
            send(session, topic, "d0", "d1", "d2");
            assertThat(receiveTexts(consumer, 3)).containsExactly("d0", "d1", "d2");
            ((LogMessageConsumer) consumer).seekToBeginning();
        }
        restartBroker();
        try (Connection connection = factory().createConnection()) {
            connection.setClientID("replayer");
            Session session = connection.createSession();
            LogMessageConsumer consumer = (LogMessageConsumer) session.createDurableConsumer(
                    session.createTopic(topicName), "audit");
            connection.start();
            assertThat(receiveTexts(consumer, 2)).containsExactly("d0", "d1");
            Message third = consumer.receive(5000);
            assertThat(text(third)).isEqualTo("d2");
            assertThat(consumer.receiveNoWait()).isNull();
            consumer.seek(third.getIntProperty(LogJmsProperties.PARTITION), 2);
        }
        restartBroker();
        try (Connection connection = factory().createConnection()) {
            connection.setClientID("replayer");
            Session session = connection.createSession();
            LogMessageConsumer consumer = (LogMessageConsumer) session.createDurableConsumer(
                    session.createTopic(topicName), "audit");
            connection.start();
            assertThat(receiveTexts(consumer, 1)).containsExactly("d2");
            assertThat(consumer.receive(200)).isNull();
        }
    }

    @Test
    void sharedSubscriptionSeeksOnlyWithASingleConsumer() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Topic topic = session.createTopic("shared-seek");
        LogMessageConsumer first = (LogMessageConsumer) session.createSharedDurableConsumer(topic, "workers");
        connection.start();
        send(session, topic, "s0", "s1");
        assertThat(receiveTexts(first, 2)).containsExactly("s0", "s1");
        first.seekToBeginning();
        assertThat(receiveTexts(first, 2)).containsExactly("s0", "s1");

        Session other = connection.createSession();
        MessageConsumer second = other.createSharedDurableConsumer(topic, "workers");
        assertThatThrownBy(first::seekToBeginning).isInstanceOf(JMSException.class)
                .hasMessageContaining("consumers");
        second.close();
        first.seekToBeginning();
        assertThat(receiveTexts(first, 2)).containsExactly("s0", "s1");
    }

    @Test
    void queueWithASingleConsumerCanBeReplayed() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("queue-seek");
        send(session, queue, "q0", "q1", "q2");
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(queue);
        connection.start();
        assertThat(receiveTexts(consumer, 3)).containsExactly("q0", "q1", "q2");
        consumer.seekToBeginning();
        assertThat(receiveTexts(consumer, 3)).containsExactly("q0", "q1", "q2");
        consumer.seekToEnd();
        assertThat(consumer.receive(200)).isNull();
    }

    @Test
    void clientAcknowledgedSubscriptionReplaysWhatItHadNotAcknowledged() throws Exception {
        Connection connection = closeLater(factory().createConnection());
        connection.setClientID("client-ack");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = session.createTopic("client-ack-seek");
        LogMessageConsumer consumer = (LogMessageConsumer) session.createDurableConsumer(topic, "sub");
        connection.start();
        send(session, topic, "c0", "c1", "c2");
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(consumer.receive(5000));
        }
        consumer.seekToBeginning();
        got.get(2).acknowledge();
        assertThat(receiveTexts(consumer, 3)).containsExactly("c0", "c1", "c2");
    }

    @Test
    void contextConsumerSeeksWithUncheckedExceptions() throws Exception {
        try (JMSContext context = factory().createContext()) {
            Topic topic = context.createTopic("context-seek");
            LogJMSConsumer consumer = (LogJMSConsumer) context.createConsumer(topic);
            context.createProducer().send(topic, "k0").send(topic, "k1");
            assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("k0");
            assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("k1");
            consumer.seekToBeginning();
            assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("k0");
            Map<Integer, Long> positions = consumer.positions();
            assertThat(positions.values()).contains(1L);
            assertThatThrownBy(() -> consumer.seek(7, 0)).isInstanceOf(jakarta.jms.JMSRuntimeException.class)
                    .hasMessageContaining("partition");
            assertThatThrownBy(() -> consumer.seekToTime(null)).isInstanceOf(jakarta.jms.JMSRuntimeException.class);
        }
    }

    @Test
    void badSeekArgumentsAreClearErrors() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(session.createTopic("bad-seek"));
        assertThatThrownBy(() -> consumer.seek(-1, 0)).isInstanceOf(JMSException.class).hasMessageContaining("partition");
        assertThatThrownBy(() -> consumer.seek(0, -5)).isInstanceOf(JMSException.class).hasMessageContaining("offset");
        assertThatThrownBy(() -> consumer.seek(2, 0)).isInstanceOf(JMSException.class).hasMessageContaining("2");
        consumer.close();
        assertThatThrownBy(consumer::seekToBeginning).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(consumer::positions).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @Test
    void startOptionReplaysHistoryForNewSubscribersOnly() throws Exception {
        Connection connection = closeLater(factory().createConnection());
        connection.setClientID("options");
        Session session = connection.createSession();
        Topic plain = session.createTopic("history");
        send(session, plain, "h0", "h1");
        Instant between = awaitLaterInstant();
        send(session, plain, "h2");
        connection.start();

        Topic earliest = session.createTopic("history?start=earliest");
        assertThat(earliest.getTopicName()).isEqualTo("history?start=earliest");
        assertThat(earliest).isEqualTo(plain);
        MessageConsumer replaying = session.createConsumer(earliest);
        assertThat(receiveTexts(replaying, 3)).containsExactly("h0", "h1", "h2");

        MessageConsumer fromTime = session.createConsumer(session.createTopic("history?start=" + between));
        assertThat(receiveTexts(fromTime, 1)).containsExactly("h2");

        MessageConsumer latest = session.createConsumer(session.createTopic("history?start=latest"));
        MessageConsumer byDefault = session.createConsumer(plain);
        assertThat(latest.receive(200)).isNull();
        assertThat(byDefault.receive(200)).isNull();

        MessageConsumer durable = session.createDurableConsumer(earliest, "late-audit");
        assertThat(receiveTexts(durable, 3)).containsExactly("h0", "h1", "h2");
        durable.close();
        send(session, plain, "h3");
        // The option applies when the durable subscription is created; reattaching keeps its cursor.
        MessageConsumer again = session.createDurableConsumer(earliest, "late-audit");
        assertThat(receiveTexts(again, 1)).containsExactly("h3");
    }

    @Test
    void badDestinationOptionsAreClearErrors() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        assertThatThrownBy(() -> session.createTopic("orders?from=earliest"))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("'from'");
        assertThatThrownBy(() -> session.createTopic("orders?start=yesterday"))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> session.createTopic("orders?"))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("orders?");
        Queue queue = session.createQueue("orders?start=earliest");
        assertThatThrownBy(() -> session.createConsumer(queue))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("queue");
    }

    @Test
    void queueBrowserIsNotDisturbedBySeeks() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("browse-seek");
        send(session, queue, "b0", "b1");
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(queue);
        connection.start();
        assertThat(receiveTexts(consumer, 2)).containsExactly("b0", "b1");
        consumer.seekToBeginning();
        consumer.close();
        QueueBrowser browser = session.createBrowser(queue);
        List<?> browsed = Collections.list(browser.getEnumeration());
        assertThat(browsed).hasSize(2);
    }

    // ---- helpers ----

    private void restartBroker() {
        broker.close();
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).partitionsDefault(2).build().start();
    }

    private int partitionOf(Topic topic) throws JMSException {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            LogMessageConsumer probe = (LogMessageConsumer) session.createConsumer(
                    session.createTopic(topic.getTopicName().split("\\?")[0] + "?start=earliest"));
            connection.start();
            Message m = probe.receive(5000);
            return m.getIntProperty(LogJmsProperties.PARTITION);
        }
    }

    /** An instant strictly between what was stamped before the call and what is stamped after it. */
    static Instant awaitLaterInstant() {
        Instant start = Instant.now();
        Awaitility.await().until(() -> Instant.now().toEpochMilli() > start.toEpochMilli() + 1);
        Instant between = Instant.now();
        Awaitility.await().until(() -> Instant.now().toEpochMilli() > between.toEpochMilli() + 1);
        return between;
    }

    static void send(Session session, Destination destination, String... texts) throws JMSException {
        send(session, destination, List.of(texts));
    }

    private static void send(Session session, Destination destination, List<String> texts) throws JMSException {
        try (MessageProducer producer = session.createProducer(destination)) {
            for (String t : texts) {
                producer.send(session.createTextMessage(t));
            }
        }
    }

    private static List<String> texts(String prefix, int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(prefix + i);
        }
        return list;
    }

    private static List<String> receiveTexts(MessageConsumer consumer, int n) throws JMSException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message m = consumer.receive(5000);
            assertThat(m).as("message %d of %d (got %s)", i + 1, n, got).isNotNull();
            got.add(text(m));
        }
        return got;
    }
}
