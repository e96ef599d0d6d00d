package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.SubscriptionSummary;
import io.logjms.testing.FaultProxy;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer-resume rules of docs/CLIENT.md ("Reconnecting") with the connection cut by a
 * {@link FaultProxy} while the broker keeps running (BrokerRestartIT covers restarts): messages delivered
 * but not acknowledged come again flagged, {@code acknowledge()} after the reconnect does not throw, and a
 * message not flagged as redelivered has a delivery count of 1.
 */
class ConsumerResumeIT extends EmbeddedBrokerSupport {
    private static final int MESSAGES = 6;
    /** How long the broker keeps a shared non-durable subscription whose last consumer's connection was lost. */
    private static final long SHARED_GRACE_MS = 4000;

    private FaultProxy proxy;
    private final List<JMSException> reported = new CopyOnWriteArrayList<>();
    private Message lastReceived;

    /** Short, so that a half-open connection is closed by the broker within the test's patience. */
    @Override
    Broker.Builder configure(Broker.Builder builder) {
        return builder.set("connections.idle.timeout.ms", "2000")
                .set("subscriptions.shared.grace.ms", Long.toString(SHARED_GRACE_MS));
    }

    @BeforeEach
    void startProxy() {
        proxy = closeLater(FaultProxy.start(broker.port(), 1));
    }

    private Connection throughProxy(String options) throws JMSException {
        Connection c = closeLater(new LogJmsConnectionFactory("logjms://127.0.0.1:" + proxy.port()
                + "?requestTimeout=1000&reconnectTimeout=30000" + options).createConnection());
        c.setExceptionListener(reported::add);
        return c;
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    private void sendDirect(Destination destination, int from, int to) throws JMSException {
        try (Connection direct = factory().createConnection()) {
            Session s = direct.createSession();
            MessageProducer producer = s.createProducer(destination);
            for (int i = from; i < to; i++) {
                producer.send(s.createTextMessage("m" + i));
            }
        }
    }

    /** Cuts every connection and waits until the client connects again (its prefetch is dropped by then). */
    private void cutAndAwaitReconnect() {
        int accepted = proxy.accepted();
        proxy.cutAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.accepted() > accepted);
    }

    /**
     * Receives until every message m0..m{MESSAGES-1} was seen after the cut; checks the flags of each and
     * returns the redelivered flag by text.
     */
    private Map<String, Boolean> receiveTheRestChecked(MessageConsumer consumer, List<String> violations)
            throws JMSException {
        Map<String, Boolean> redelivered = new LinkedHashMap<>();
        while (redelivered.size() < MESSAGES) {
            Message m = consumer.receive(10_000);
            assertThat(m).as("messages after the cut so far: %s", redelivered).isNotNull();
            int count = m.getIntProperty("JMSXDeliveryCount");
            if (m.getJMSRedelivered() != count >= 2) {
                violations.add(text(m) + " redelivered=" + m.getJMSRedelivered() + " with JMSXDeliveryCount " + count);
            }
            lastReceived = m;
            if (redelivered.put(text(m), m.getJMSRedelivered()) != null) {
                violations.add(text(m) + " came twice after the cut");
            }
        }
        return redelivered;
    }

    private void assertNothingLeft(Destination destination, String consumerOptions) throws JMSException {
        // the consumer's connection closes first so that what it holds goes back
        try (Connection direct = new LogJmsConnectionFactory(url(consumerOptions)).createConnection()) {
            Session s = direct.createSession();
            MessageConsumer left = s.createConsumer(destination);
            direct.start();
            assertThat(left.receive(500)).as("acknowledged after the reconnect, so nothing comes again").isNull();
        }
    }

    @Test
    void aQueueConsumerWithClientAcknowledgeGetsItsUnacknowledgedMessagesAgainAfterACut() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Destination queue = session.createQueue("resume-queue");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        sendDirect(queue, 0, MESSAGES);
        Message first = consumer.receive(5000);
        Message second = consumer.receive(5000);
        assertThat(List.of(text(first), text(second))).containsExactly("m0", "m1");
        assertThat(second.getJMSRedelivered()).isFalse();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);

        cutAndAwaitReconnect();
        second.acknowledge(); // after the reconnect: must not throw, acknowledges nothing that comes again

        List<String> violations = new ArrayList<>();
        Map<String, Boolean> again = receiveTheRestChecked(consumer, violations);
        assertThat(violations).isEmpty();
        assertThat(again).containsEntry("m0", true).containsEntry("m1", true);
        assertThat(consumer.receive(200)).isNull();
        lastReceived.acknowledge();
        connection.close();
        assertNothingLeft(queue, "");
        assertThat(reported).isEmpty();
    }

    @Test
    void aNonDurableSubscriberContinuesRightAfterTheLastMessageItHandedOutAfterACut() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession();
        jakarta.jms.Topic topic = session.createTopic("resume-nondurable");
        MessageConsumer subscriber = session.createConsumer(topic);
        connection.start();
        sendDirect(topic, 0, 10);
        for (int i = 0; i < 4; i++) {
            assertThat(text(subscriber.receive(5000))).isEqualTo("m" + i);
        }

        cutAndAwaitReconnect();
        sendDirect(topic, 10, 15);

        for (int i = 4; i < 15; i++) {
            Message m = subscriber.receive(10_000);
            assertThat(text(m)).as("no gap, no duplicate").isEqualTo("m" + i);
            assertThat(m.getJMSRedelivered()).isFalse();
            assertThat(m.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
        assertThat(subscriber.receive(300)).isNull();
        assertThat(reported).isEmpty();
    }

    @Test
    void aSharedDurableConsumerWithClientAcknowledgeGetsItsUnacknowledgedMessagesAgainAfterACut() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        jakarta.jms.Topic topic = session.createTopic("resume-shared");
        MessageConsumer consumer = session.createSharedDurableConsumer(topic, "workers");
        connection.start();
        sendDirect(topic, 0, MESSAGES);
        Message first = consumer.receive(5000);
        Message second = consumer.receive(5000);
        assertThat(List.of(text(first), text(second))).containsExactly("m0", "m1");

        cutAndAwaitReconnect();
        second.acknowledge();

        List<String> violations = new ArrayList<>();
        Map<String, Boolean> again = receiveTheRestChecked(consumer, violations);
        assertThat(violations).isEmpty();
        assertThat(again).containsEntry("m0", true).containsEntry("m1", true);
        lastReceived.acknowledge();
        connection.close();
        try (Connection direct = factory().createConnection()) {
            Session s = direct.createSession();
            MessageConsumer left = s.createSharedDurableConsumer(topic, "workers");
            direct.start();
            assertThat(left.receive(500)).as("acknowledged after the reconnect, so nothing comes again").isNull();
        }
        assertThat(reported).isEmpty();
    }

    @Test
    void aSharedNonDurableConsumerKeepsItsMessagesAcrossACut() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        jakarta.jms.Topic topic = session.createTopic("resume-shared-nondurable");
        MessageConsumer consumer = session.createSharedConsumer(topic, "pool");
        connection.start();
        sendDirect(topic, 0, MESSAGES);
        assertThat(text(consumer.receive(5000))).isEqualTo("m0");
        assertThat(text(consumer.receive(5000))).isEqualTo("m1");

        cutAndAwaitReconnect();

        List<String> violations = new ArrayList<>();
        Map<String, Boolean> again = receiveTheRestChecked(consumer, violations);
        assertThat(violations).isEmpty();
        assertThat(again).containsEntry("m0", true).containsEntry("m1", true);
        assertThat(reported).isEmpty();
    }

    @Test
    void aSharedNonDurableConsumerAlsoGetsWhatWasSentDuringTheOutage() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        jakarta.jms.Topic topic = session.createTopic("resume-shared-nondurable-outage");
        MessageConsumer consumer = session.createSharedConsumer(topic, "pool");
        connection.start();
        sendDirect(topic, 0, 1);
        assertThat(text(consumer.receive(5000))).isEqualTo("m0");

        proxy.pause();
        proxy.cutAll();
        // the broker noticed the loss and keeps the subscription without consumers
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<SubscriptionSummary> kept = sharedSubscriptions("resume-shared-nondurable-outage");
            return kept.size() == 1 && kept.get(0).consumers() == 0;
        });
        sendDirect(topic, 1, 3);
        proxy.resume();

        Message again = consumer.receive(10_000);
        assertThat(text(again)).isEqualTo("m0");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isGreaterThanOrEqualTo(2);
        assertThat(text(consumer.receive(5000))).as("sent while the consumer was away").isEqualTo("m1");
        assertThat(text(consumer.receive(5000))).isEqualTo("m2");
        assertThat(reported).isEmpty();
    }

    @Test
    void aSharedNonDurableSubscriptionClosedByTheApplicationEndsAtOnce() throws Exception {
        String topicName = "shared-nondurable-closed";
        Connection first = throughProxy("");
        Session session = first.createSession(Session.CLIENT_ACKNOWLEDGE);
        jakarta.jms.Topic topic = session.createTopic(topicName);
        MessageConsumer consumer = session.createSharedConsumer(topic, "pool");
        first.start();
        sendDirect(topic, 0, 3);
        assertThat(text(consumer.receive(5000))).isEqualTo("m0");
        assertThat(text(consumer.receive(5000))).isEqualTo("m1");

        first.close();
        await().atMost(Duration.ofMillis(SHARED_GRACE_MS / 2))
                .until(() -> sharedSubscriptions(topicName).isEmpty());
        assertFreshSubscriptionGetsOnlyNewMessages(topic, 3);

        // closing the consumer (not the connection) ends it at once too
        Connection third = connection();
        Session s = third.createSession(); // AUTO_ACKNOWLEDGE: nothing unsettled keeps the consumer open
        MessageConsumer closedConsumer = s.createSharedConsumer(topic, "other-pool");
        third.start();
        sendDirect(topic, 5, 6);
        assertThat(text(closedConsumer.receive(5000))).isEqualTo("m5");
        closedConsumer.close();
        await().atMost(Duration.ofMillis(SHARED_GRACE_MS / 2))
                .until(() -> sharedSubscriptions(topicName).stream().noneMatch(i -> i.id().endsWith("/other-pool")));
    }

    @Test
    void aSharedNonDurableSubscriptionWhoseConsumerStaysAwayLongerThanTheGraceEnds() throws Exception {
        String topicName = "shared-nondurable-expired";
        Connection connection = throughProxy("");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        jakarta.jms.Topic topic = session.createTopic(topicName);
        MessageConsumer consumer = session.createSharedConsumer(topic, "pool");
        connection.start();
        sendDirect(topic, 0, 2);
        assertThat(text(consumer.receive(5000))).isEqualTo("m0");
        long cutAt = System.nanoTime();

        proxy.pause();
        proxy.cutAll();
        await().atMost(Duration.ofMillis(SHARED_GRACE_MS * 3)).until(() -> sharedSubscriptions(topicName).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).as("kept for the grace period first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(SHARED_GRACE_MS));
        sendDirect(topic, 2, 3); // no subscription holds it
        proxy.resume();

        // the restored consumer started a new subscription at the log end
        await().atMost(Duration.ofSeconds(15)).until(() -> sharedSubscriptions(topicName).size() == 1);
        sendDirect(topic, 3, 4);
        Message m = consumer.receive(10_000);
        assertThat(text(m)).as("neither m1 (unacknowledged, ended with the subscription) nor m2").isEqualTo("m3");
        assertThat(m.getJMSRedelivered()).isFalse();
        assertThat(consumer.receive(300)).isNull();
    }

    private void assertFreshSubscriptionGetsOnlyNewMessages(jakarta.jms.Topic topic, int next) throws JMSException {
        Connection second = connection();
        Session s = second.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer again = s.createSharedConsumer(topic, "pool");
        second.start();
        sendDirect(topic, next, next + 1);
        Message m = again.receive(5000);
        assertThat(text(m)).as("a new subscription at the log end, not the ended one's m1, m2").isEqualTo("m" + next);
        assertThat(m.getJMSRedelivered()).isFalse();
    }

    private List<SubscriptionSummary> sharedSubscriptions(String topicName) {
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port())) {
            return admin.subscriptions(topicName);
        }
    }

    @Test
    void aNoLocalSubscriberStillSkipsItsOwnConnectionsMessagesAfterACut() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession();
        jakarta.jms.Topic topic = session.createTopic("resume-nolocal");
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        MessageProducer own = session.createProducer(topic);
        connection.start();
        own.send(session.createTextMessage("own-before"));
        sendDirect(topic, 0, 1);
        assertThat(text(noLocal.receive(5000))).isEqualTo("m0");

        cutAndAwaitReconnect();
        own.send(session.createTextMessage("own-after"));
        sendDirect(topic, 1, 2);

        assertThat(text(noLocal.receive(10_000))).as("its own messages are still its own").isEqualTo("m1");
        assertThat(noLocal.receive(300)).isNull();
        // another connection's noLocal subscriber is not mistaken for the first one
        try (Connection other = factory().createConnection()) {
            MessageConsumer all = other.createSession().createConsumer(topic, null, true);
            ((io.logjms.provider.LogMessageConsumer) all).seekToBeginning();
            other.start();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seen.add(text(all.receive(5000)));
            }
            assertThat(seen).containsExactly("own-before", "m0", "own-after", "m1");
        }
        assertThat(reported).isEmpty();
    }

    @Test
    void aTemporaryQueueCreatedAfterACutWorks() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession();
        connection.start();
        cutAndAwaitReconnect();

        jakarta.jms.TemporaryQueue temporary = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(temporary);
        session.createProducer(temporary).send(session.createTextMessage("reply"));
        assertThat(text(consumer.receive(5000))).isEqualTo("reply");
        assertThat(reported).isEmpty();
    }

    @Test
    void aDurableSubscriberWhoseOldConnectionIsHalfOpenResumesUnderItsClientId() throws Exception {
        Connection connection = throughProxy("&clientID=half-open");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        jakarta.jms.Topic topic = session.createTopic("resume-half-open");
        MessageConsumer durable = session.createDurableConsumer(topic, "sub");
        connection.start();
        sendDirect(topic, 0, 1);
        assertThat(text(durable.receive(5000))).isEqualTo("m0");

        // the broker never learns that the old connection is gone
        proxy.blackholeOpenConnections();
        sendDirect(topic, 1, 3);

        Message again = durable.receive(20_000);
        assertThat(text(again)).as("reported: %s", reported).isEqualTo("m0");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(text(durable.receive(5000))).isEqualTo("m1");
        assertThat(text(durable.receive(5000))).isEqualTo("m2");
        assertThat(reported).isEmpty();
    }

    @Test
    void queueMessagesHeldByAHalfOpenConnectionComeAgain() throws Exception {
        Connection connection = throughProxy("");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Destination queue = session.createQueue("resume-half-open-queue");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        sendDirect(queue, 0, 1);
        assertThat(text(consumer.receive(5000))).isEqualTo("m0");

        proxy.blackholeOpenConnections();
        sendDirect(queue, 1, 2);

        Message again = consumer.receive(20_000);
        assertThat(text(again)).isEqualTo("m0");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(text(consumer.receive(5000))).isEqualTo("m1");
        assertThat(reported).isEmpty();
    }
}
