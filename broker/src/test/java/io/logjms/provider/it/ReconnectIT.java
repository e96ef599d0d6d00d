package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.BrokerProcess;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker in its own JVM is killed with SIGKILL and restarted on the same port and data directory,
 * three times, while producers and consumers of every kind run on reconnecting connections. None of
 * their calls may fail, nothing acknowledged may be lost or doubled, and consumers must not notice
 * beyond redeliveries flagged as such.
 */
@Timeout(120)
class ReconnectIT {
    private static final String TOPIC = "rit.events";
    private static final String QUEUE = "rit.work";
    private static final int SYNC_SENDS = 150;
    private static final int ASYNC_SENDS = 150;
    private static final int TRANSACTIONS = 40;
    private static final int KILLS = 3;

    @TempDir
    Path dataDir;
    private BrokerProcess broker;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private final Set<String> topicAcknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> queueAcknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> durableSeen = new ConcurrentHashMap<>();
    private final Map<String, Integer> queueSeen = new ConcurrentHashMap<>();
    private final List<String> nonDurableSeen = new CopyOnWriteArrayList<>();
    private final List<String> unflaggedRepeats = new CopyOnWriteArrayList<>();
    private volatile int rolledBackCommits;

    @AfterEach
    void cleanUp() throws Exception {
        producing.set(false);
        for (Connection c : connections) {
            try {
                c.close();
            } catch (Exception e) {
                // the test failed with the broker down
            }
        }
        for (Thread t : threads) {
            t.join(5000);
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Connection connect(int port, String options) throws JMSException {
        Connection c = new LogJmsConnectionFactory("logjms://127.0.0.1:" + port
                + "?requestTimeout=3000&reconnectTimeout=30000" + options).createConnection();
        connections.add(c);
        return c;
    }

    private void run(String name, ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(new AssertionError(name + " failed", e));
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void producersAndConsumersOfEveryKindSurviveThreeKillsOfTheBroker() throws Exception {
        broker = BrokerProcess.start(dataDir);
        int port = broker.port();

        Connection durableConnection = connect(port, "&clientID=rit-durable");
        Session durableSession = durableConnection.createSession();
        MessageConsumer durable = durableSession.createDurableConsumer(durableSession.createTopic(TOPIC), "audit");
        Connection nonDurableConnection = connect(port, "");
        Session nonDurableSession = nonDurableConnection.createSession();
        MessageConsumer nonDurable = nonDurableSession.createConsumer(nonDurableSession.createTopic(TOPIC));
        Connection queueConnection = connect(port, "");
        Session queueSession = queueConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer queueConsumer = queueSession.createConsumer(queueSession.createQueue(QUEUE));
        durableConnection.start();
        nonDurableConnection.start();
        queueConnection.start();

        run("durable", () -> consume(durable, durableSeen, null, false));
        run("non-durable", () -> consume(nonDurable, null, nonDurableSeen, false));
        run("queue", () -> consume(queueConsumer, queueSeen, null, true));
        run("sync-producer", () -> syncProducer(connect(port, "")));
        run("async-producer", () -> asyncProducer(connect(port, "")));
        run("transacted-producer", () -> transactedProducer(connect(port, "")));

        for (int kill = 1; kill <= KILLS; kill++) {
            int target = kill * SYNC_SENDS / (KILLS + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> topicAcknowledged.size() >= target || !failures.isEmpty());
            assertThat(failures).isEmpty();
            broker.kill();
            broker = BrokerProcess.launch("--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir",
                    dataDir.toString());
            assertThat(broker.awaitReady()).isEqualTo(port);
        }
        for (Thread t : threads.subList(3, 6)) {
            t.join(60_000);
        }
        assertThat(failures).as("application calls that failed").isEmpty();
        assertThat(topicAcknowledged).hasSize(SYNC_SENDS);
        assertThat(queueAcknowledged).hasSize(ASYNC_SENDS + 2 * TRANSACTIONS);

        await().atMost(Duration.ofSeconds(30)).until(() -> durableSeen.keySet().containsAll(topicAcknowledged)
                && queueSeen.keySet().containsAll(queueAcknowledged));
        assertThat(unflaggedRepeats).as("messages delivered again without JMSRedelivered").isEmpty();

        String firstSeen = nonDurableSeen.get(0);
        int from = Integer.parseInt(firstSeen.substring(2));
        List<String> expected = new ArrayList<>();
        for (int i = from; i < SYNC_SENDS; i++) {
            expected.add("s-" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> nonDurableSeen.containsAll(expected));
        Map<String, Integer> inLog = readTopicFromEarliest(port);
        Map<String, Integer> nonDurableCounts = new HashMap<>();
        nonDurableSeen.forEach(id -> nonDurableCounts.merge(id, 1, Integer::sum));
        nonDurableCounts.forEach((id, n) -> assertThat(n).as("the non-durable subscriber got %s more often than"
                + " the log holds it", id).isLessThanOrEqualTo(inLog.getOrDefault(id, 0)));

        assertThat(inLog.keySet()).containsExactlyInAnyOrderElementsOf(topicAcknowledged);
        Map<String, Integer> doubled = new HashMap<>(inLog);
        doubled.values().removeIf(n -> n == 1);
        assertThat(doubled).as("every acknowledged message is in the log exactly once (sends in doubt at a kill"
                + " are resent with the same bytes; the broker must drop the duplicate)").isEmpty();
        System.out.println("ReconnectIT: " + rolledBackCommits + " transactions rolled back by a reconnect and retried");
    }

    private void consume(MessageConsumer consumer, Map<String, Integer> seen, List<String> inOrder,
                         boolean clientAcknowledge) throws JMSException {
        int sinceAck = 0;
        while (producing.get() || consumer.receiveNoWait() != null) {
            Message m = consumer.receive(200);
            if (m == null) {
                continue;
            }
            String id = m.getStringProperty("id");
            if (seen != null) {
                int times = seen.merge(id, 1, Integer::sum);
                if (times > 1 && !m.getJMSRedelivered()) {
                    unflaggedRepeats.add(id + " x" + times);
                }
                if (m.getJMSRedelivered() && m.getIntProperty("JMSXDeliveryCount") < 2) {
                    unflaggedRepeats.add(id + " redelivered with count " + m.getIntProperty("JMSXDeliveryCount"));
                }
            } else {
                inOrder.add(id);
            }
            if (clientAcknowledge && ++sinceAck == 5) {
                m.acknowledge();
                sinceAck = 0;
            }
        }
    }

    private void syncProducer(Connection connection) throws JMSException {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
        for (int i = 0; i < SYNC_SENDS; i++) {
            Message m = session.createTextMessage("sync " + i);
            m.setStringProperty("id", "s-" + i);
            producer.send(m);
            topicAcknowledged.add("s-" + i);
        }
    }

    private void asyncProducer(Connection connection) throws Exception {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        for (int i = 0; i < ASYNC_SENDS; i++) {
            String id = "a-" + i;
            Message m = session.createTextMessage("async " + i);
            m.setStringProperty("id", id);
            producer.send(m, new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    queueAcknowledged.add(id);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failures.add(new AssertionError("async send " + id + " failed", exception));
                }
            });
            if (i % 10 == 9) {
                long sent = i + 1;
                // at most 30 sends in flight, so the outages find some of them unanswered
                await().atMost(Duration.ofSeconds(60)).until(() -> sent - queueAcknowledged.stream()
                        .filter(a -> a.startsWith("a-")).count() <= 30 || !failures.isEmpty());
            }
        }
        session.close();
    }

    private void transactedProducer(Connection connection) throws JMSException {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        for (int i = 0; i < TRANSACTIONS; i++) {
            while (true) {
                for (int j = 0; j < 2; j++) {
                    Message m = session.createTextMessage("tx " + i + "/" + j);
                    m.setStringProperty("id", "t-" + i + "-" + j);
                    producer.send(m);
                }
                try {
                    session.commit();
                    break;
                } catch (TransactionRolledBackException expected) {
                    rolledBackCommits++;
                }
            }
            queueAcknowledged.add("t-" + i + "-0");
            queueAcknowledged.add("t-" + i + "-1");
        }
    }

    private Map<String, Integer> readTopicFromEarliest(int port) throws JMSException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = new LogJmsConnectionFactory("logjms://127.0.0.1:" + port).createConnection()) {
            Session session = connection.createSession();
            MessageConsumer all = session.createConsumer(session.createTopic(TOPIC + "?start=earliest"));
            connection.start();
            for (Message m = all.receive(5000); m != null; m = all.receive(2000)) {
                counts.merge(m.getStringProperty("id"), 1, Integer::sum);
            }
        }
        return counts;
    }
}
