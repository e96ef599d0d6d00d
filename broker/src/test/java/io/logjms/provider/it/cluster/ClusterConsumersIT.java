package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsProperties;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.testing.ClusterWaits;
import io.logjms.testing.TestCluster;
import io.logjms.testing.TestClusterExtension;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers of every kind on destinations whose three partitions are led by three different brokers (each broker in
 * a JVM of its own, replication factor 3): each consumer is attached at the leaders of its partitions, and follows
 * them when a leader is SIGKILLed. One cluster start serves every check; a check that kills a broker restarts it and
 * waits until every replica is in sync again before the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterConsumersIT {
    private static final int PARTITIONS = 3;
    private static final String OPTIONS = "reconnectTimeout=60000&requestTimeout=5000&prefetch=20";
    private static final Duration RECEIVED_WITHIN = Duration.ofSeconds(90);

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    private TestCluster cluster;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = clusters.start(TestCluster.builder(dir, 3).jvmOptions("-Xmx192m"));
        ClusterWaits.awaitMembers(cluster, 3);
    }

    @AfterEach
    void closeConnections() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException e) {
                // a connection to a killed broker; its close failed, which is all that is left to do
            }
        }
        connections.clear();
    }

    private void createTopic(String name) {
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(1).address())) {
            admin.createTopic(name, DestinationSettings.defaults().withPartitions(PARTITIONS).withReplicationFactor(3));
        }
        ClusterWaits.awaitFullyReplicated(cluster, name);
        assertLedByThreeBrokers(name);
    }

    private void createQueue(String name) {
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(1).address())) {
            admin.createQueue(name, DestinationSettings.defaults().withPartitions(PARTITIONS).withReplicationFactor(3));
        }
        awaitQueueReplicated(name);
    }

    /** As {@link ClusterWaits#awaitFullyReplicated}, for a queue, asking the first running broker. */
    private void awaitQueueReplicated(String name) {
        await("queue " + name + " has leaders and every replica in sync").atMost(ClusterWaits.FORMED)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
                    TestCluster.Node asked = cluster.nodes().stream().filter(TestCluster.Node::isRunning)
                            .findFirst().orElseThrow();
                    try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + asked.address())) {
                        assertThat(admin.describeQueue(name).partitions()).hasSize(PARTITIONS).allSatisfy(p -> {
                            assertThat(p.leader()).isNotNull();
                            assertThat(new HashSet<>(p.inSync())).isEqualTo(new HashSet<>(p.replicas()));
                        });
                    }
                });
    }

    private void assertLedByThreeBrokers(String topic) {
        Set<Integer> leaders = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            leaders.add(ClusterWaits.leader(cluster, topic, p));
        }
        assertThat(leaders).as("the leaders of %s's partitions", topic).hasSize(3);
    }

    /** A connection whose URL names only node {@code bootstrap}: it finds the other leaders through metadata. */
    private Connection connect(int bootstrap, String clientId) throws JMSException {
        String url = "logjms://" + cluster.node(bootstrap).address() + "?" + OPTIONS
                + (clientId == null ? "" : "&clientID=" + clientId);
        Connection c = new LogJmsConnectionFactory(url).createConnection();
        connections.add(c);
        return c;
    }

    /** Sends {@code n = from .. to-1}, each with its own key, so they spread over every partition. */
    private static void send(Session session, Destination to, int from, int until) throws JMSException {
        MessageProducer producer = session.createProducer(to);
        for (int n = from; n < until; n++) {
            Message m = session.createTextMessage("m" + n);
            m.setIntProperty("n", n);
            m.setStringProperty("JMSXGroupID", "k" + n);
            producer.send(m);
        }
        producer.close();
    }

    /** Every delivery a set of consumers saw: which message, whether flagged redelivered, its delivery count. */
    private static final class Receipts {
        record Receipt(int n, int partition, boolean redelivered, int deliveryCount, String consumer) {
        }

        final List<Receipt> all = new CopyOnWriteArrayList<>();
        final Map<Integer, Integer> times = new ConcurrentHashMap<>();

        void seen(Message m, String consumer) throws JMSException {
            int n = m.getIntProperty("n");
            all.add(new Receipt(n, m.getIntProperty(LogJmsProperties.PARTITION), m.getJMSRedelivered(),
                    m.getIntProperty("JMSXDeliveryCount"), consumer));
            times.merge(n, 1, Integer::sum);
        }

        Set<Integer> distinct() {
            return new TreeSet<>(times.keySet());
        }

        void awaitAll(int total) {
            await("all " + total + " messages received").atMost(RECEIVED_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> times.size() >= total);
            assertThat(distinct()).as("every message, none lost").isEqualTo(range(total));
        }

        /** Each message received more than once was flagged redelivered, with a delivery count of 2 or more, after. */
        void assertRepeatsFlagged() {
            Map<Integer, Integer> seenSoFar = new ConcurrentHashMap<>();
            for (Receipt r : all) {
                int time = seenSoFar.merge(r.n(), 1, Integer::sum);
                if (time > 1) {
                    assertThat(r.redelivered()).as("repeat %d of message %d: %s", time, r.n(), r).isTrue();
                    assertThat(r.deliveryCount()).as("repeat %d of message %d: %s", time, r.n(), r)
                            .isGreaterThanOrEqualTo(2);
                }
            }
        }

        long repeats() {
            return times.values().stream().mapToInt(t -> t - 1).sum();
        }

        /** Only messages of partitions that moved (those the killed broker led) came again. */
        void assertRepeatsOnlyFrom(Set<Integer> moved) {
            Map<Integer, Integer> seenSoFar = new ConcurrentHashMap<>();
            for (Receipt r : all) {
                if (seenSoFar.merge(r.n(), 1, Integer::sum) > 1) {
                    assertThat(r.partition()).as("repeated %s", r).isIn(moved);
                }
            }
        }
    }

    private static Set<Integer> range(int n) {
        Set<Integer> s = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }

    /** The partitions of a topic that {@code node} leads now. */
    private Set<Integer> ledBy(int node, String topic) {
        Set<Integer> led = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            if (ClusterWaits.leader(cluster, topic, p) == node) {
                led.add(p);
            }
        }
        return led;
    }

    private void restartAndResync(int node, String topic) throws Exception {
        cluster.restart(node);
        ClusterWaits.awaitMembers(cluster, 3);
        ClusterWaits.awaitFullyReplicated(cluster, topic);
    }

    /** The leader of a queue's partition, as the first running broker sees it. */
    private int queueLeader(String name, int partition) {
        TestCluster.Node asked = cluster.nodes().stream().filter(TestCluster.Node::isRunning).findFirst()
                .orElseThrow();
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + asked.address())) {
            return admin.describeQueue(name).partitions().get(partition).leader();
        }
    }

    // ---- runs on cluster part 1's brokers too ----

    @Test
    @Order(1)
    void aNoLocalSubscriberSkipsItsOwnConnectionsMessagesOnEveryBrokerAndAnotherConnectionsReachIt()
            throws Exception {
        String topic = "consumers.nolocal";
        createTopic(topic);
        Connection mine = connect(1, null);
        Session session = mine.createSession();
        Topic t = session.createTopic(topic);
        MessageConsumer noLocal = session.createConsumer(t, null, true);
        MessageConsumer everything = session.createConsumer(t);
        mine.start();
        send(session, t, 0, 60);

        Connection other = connect(2, null);
        Session otherSession = other.createSession();
        send(otherSession, otherSession.createTopic(topic), 60, 90);

        Receipts all = new Receipts();
        for (Message m = everything.receive(10_000); m != null; m = everything.receive(1_000)) {
            all.seen(m, "everything");
        }
        assertThat(all.distinct()).as("a subscriber without noLocal gets every message").isEqualTo(range(90));
        assertThat(all.all.stream().map(Receipts.Receipt::partition).distinct()).hasSize(PARTITIONS);

        Receipts others = new Receipts();
        for (Message m = noLocal.receive(10_000); m != null; m = noLocal.receive(1_000)) {
            others.seen(m, "noLocal");
        }
        Set<Integer> fromOther = new TreeSet<>(range(90));
        fromOther.removeAll(range(60));
        assertThat(others.distinct()).as("only the other connection's messages, from every partition")
                .isEqualTo(fromOther);
        assertThat(others.all.stream().map(Receipts.Receipt::partition).distinct()).hasSize(PARTITIONS);
        assertThat(others.repeats()).isZero();
    }

    // ---- need the brokers of cluster part 2 ----

    @Test
    @Order(2)
    void aSharedDurableSubscriptionOverThreeLeadersHandsEveryMessageToOneConsumerOnceAndLosesNoneToAKill()
            throws Exception {
        String topic = "consumers.shared";
        createTopic(topic);
        Receipts receipts = new Receipts();
        for (int node = 1; node <= 3; node++) {
            Connection c = connect(node, null);
            Session s = c.createSession();
            String name = "consumer-" + node;
            s.createSharedDurableConsumer(s.createTopic(topic), "all").setMessageListener(m -> {
                try {
                    receipts.seen(m, name);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            c.start();
        }
        Connection producer = connect(1, null);
        Session session = producer.createSession();
        send(session, session.createTopic(topic), 0, 300);

        receipts.awaitAll(300);
        await("nothing more").pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> receipts.all.size() >= 300);
        assertThat(receipts.all).as("each message handed to one consumer once").hasSize(300);
        assertThat(receipts.all.stream().map(Receipts.Receipt::consumer).distinct()).as("every consumer got some")
                .hasSize(3);
        assertThat(receipts.all.stream().map(Receipts.Receipt::partition).distinct()).hasSize(PARTITIONS);
        assertThat(receipts.all).allSatisfy(r -> assertThat(r.redelivered()).isFalse());

        int victim = ClusterWaits.leader(cluster, topic, 2);
        Set<Integer> moved = ledBy(victim, topic);
        Thread sender = new Thread(() -> {
            try {
                send(session, session.createTopic(topic), 300, 600);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }, "shared-sender");
        sender.start();
        await("some of the second half received").atMost(RECEIVED_WITHIN).until(() -> receipts.times.size() >= 350);
        cluster.kill(victim);
        receipts.awaitAll(600);
        sender.join(TimeUnit.SECONDS.toMillis(60));
        receipts.assertRepeatsFlagged();
        receipts.assertRepeatsOnlyFrom(moved);
        restartAndResync(victim, topic);
    }

    @Test
    @Order(3)
    void queueConsumersWithClientAcknowledgeLoseNothingWhenALeaderIsKilledAndRepeatsAreFlagged() throws Exception {
        String queue = "consumers.queue";
        createQueue(queue);
        int total = 600;
        Receipts receipts = new Receipts();
        for (int node = 2; node <= 3; node++) {
            Connection c = connect(node, null);
            Session s = c.createSession(Session.CLIENT_ACKNOWLEDGE);
            String name = "consumer-" + node;
            s.createConsumer(s.createQueue(queue)).setMessageListener(m -> {
                try {
                    receipts.seen(m, name);
                    m.acknowledge();
                } catch (JMSException e) {
                    throw new IllegalStateException("acknowledge() threw, which it must not after a leader moved", e);
                }
            });
            c.start();
        }
        Connection producer = connect(1, null);
        Session session = producer.createSession();
        Destination q = session.createQueue(queue);
        Thread sender = new Thread(() -> {
            try {
                send(session, q, 0, total);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }, "queue-sender");
        sender.start();

        await("a third processed").atMost(RECEIVED_WITHIN).until(() -> receipts.times.size() >= total / 3);
        int victim = queueLeader(queue, 1);
        Set<Integer> moved = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            if (queueLeader(queue, p) == victim) {
                moved.add(p);
            }
        }
        cluster.kill(victim);
        receipts.awaitAll(total);
        sender.join(TimeUnit.SECONDS.toMillis(60));
        receipts.assertRepeatsFlagged();
        receipts.assertRepeatsOnlyFrom(moved);

        cluster.restart(victim);
        ClusterWaits.awaitMembers(cluster, 3);
        awaitQueueReplicated(queue);
    }

    @Test
    @Order(4)
    void aDurableSubscriberAcrossALeaderKillMissesNothingAndGetsOnlyInFlightMessagesAgain() throws Exception {
        String topic = "consumers.durable";
        createTopic(topic);
        int total = 600;
        Receipts receipts = new Receipts();
        Connection c = connect(2, "durable-client");
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        s.createDurableSubscriber(s.createTopic(topic), "d").setMessageListener(m -> {
            try {
                receipts.seen(m, "durable");
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        c.start();
        Connection producer = connect(1, null);
        Session session = producer.createSession();
        Destination t = session.createTopic(topic);
        Thread sender = new Thread(() -> {
            try {
                send(session, t, 0, total);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }, "topic-sender");
        sender.start();

        await("a third received").atMost(RECEIVED_WITHIN).until(() -> receipts.times.size() >= total / 3);
        int victim = ClusterWaits.leader(cluster, topic, 0);
        Set<Integer> moved = ledBy(victim, topic);
        cluster.kill(victim);
        receipts.awaitAll(total);
        sender.join(TimeUnit.SECONDS.toMillis(60));
        receipts.assertRepeatsFlagged();
        // in flight at the kill: what the killed leader had delivered and not seen acknowledged (committed)
        receipts.assertRepeatsOnlyFrom(moved);
        assertThat(receipts.repeats()).as("only messages in flight are delivered again").isLessThan(total / 2);

        restartAndResync(victim, topic);
    }

    @Test
    @Order(5)
    void aDurableSubscriberAcrossAWholeClusterRestartMissesNothingAndGetsOnlyInFlightMessagesAgain() throws Exception {
        String topic = "consumers.restart";
        createTopic(topic);
        int total = 400;
        Receipts receipts = new Receipts();
        Connection before = connect(2, "restart-client");
        Session s = before.createSession(Session.AUTO_ACKNOWLEDGE);
        s.createDurableSubscriber(s.createTopic(topic), "r").setMessageListener(m -> {
            try {
                receipts.seen(m, "before");
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        before.start();
        Connection producer = connect(1, null);
        Session session = producer.createSession();
        send(session, session.createTopic(topic), 0, total);
        await("a third received").atMost(RECEIVED_WITHIN).until(() -> receipts.times.size() >= total / 3);

        // killed together, well within the failure timeout; the brokers come back on other client ports, so the
        // application connects again (the old connection only knows the old addresses)
        for (int id = 1; id <= 3; id++) {
            cluster.kill(id);
        }
        int receivedBefore = receipts.times.size();
        before.close();
        for (int id = 1; id <= 3; id++) {
            cluster.restart(id);
        }
        ClusterWaits.awaitMembers(cluster, 3);
        ClusterWaits.awaitFullyReplicated(cluster, topic);
        Connection after = connect(3, "restart-client");
        Session again = after.createSession(Session.AUTO_ACKNOWLEDGE);
        again.createDurableSubscriber(again.createTopic(topic), "r").setMessageListener(m -> {
            try {
                receipts.seen(m, "after");
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        after.start();

        receipts.awaitAll(total);
        receipts.assertRepeatsFlagged();
        assertThat(receipts.repeats()).as("only what was in flight at the kill comes again (of %d received before)",
                receivedBefore).isLessThanOrEqualTo(receivedBefore).isLessThan(total / 2);
    }

    @Test
    @Order(6)
    void eachMessageGroupOfAQueueStaysWithItsConsumerAcrossItsLeadersKill() throws Exception {
        String queue = "consumers.groups";
        createQueue(queue);
        Map<String, Set<String>> receivers = new ConcurrentHashMap<>();
        Map<Integer, Integer> partitionOf = new ConcurrentHashMap<>();
        Receipts receipts = new Receipts();
        List<Connection> consumers = new java.util.ArrayList<>();
        for (int node = 2; node <= 3; node++) {
            Connection c = connect(node, null);
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            String name = "consumer-" + node;
            s.createConsumer(s.createQueue(queue)).setMessageListener(m -> {
                try {
                    receipts.seen(m, name);
                    receivers.computeIfAbsent(m.getStringProperty("JMSXGroupID"), g -> ConcurrentHashMap.newKeySet())
                            .add(name);
                    partitionOf.put(m.getIntProperty("n"), m.getIntProperty(LogJmsProperties.PARTITION));
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            consumers.add(c);
        }
        Connection red = consumers.get(0);
        Connection blue = consumers.get(1);
        Connection producer = connect(1, null);
        Session session = producer.createSession();
        MessageProducer sender = session.createProducer(session.createQueue(queue));
        // red's first messages while only consumer-2 takes any, blue's while only consumer-3 does
        red.start();
        sendGroup(session, sender, "red", 0, 20);
        await("red's first messages").atMost(RECEIVED_WITHIN).until(() -> receipts.times.size() >= 20);
        red.stop();
        blue.start();
        sendGroup(session, sender, "blue", 20, 40);
        await("blue's first messages").atMost(RECEIVED_WITHIN).until(() -> receipts.times.size() >= 40);
        Map<String, Set<String>> owners = Map.of("red", Set.of("consumer-2"), "blue", Set.of("consumer-3"));
        assertThat(receivers).isEqualTo(owners);

        // red's consumer is stopped (no credit) while red's leader is killed: its group must wait for it at the new
        // leader, not go to the consumer that has credit
        int victim = queueLeader(queue, partitionOf.get(0));
        cluster.kill(victim);
        sendGroup(session, sender, "red", 40, 60); // returns once the new leader has them
        sendGroup(session, sender, "blue", 60, 80);
        await("blue's later messages").atMost(RECEIVED_WITHIN).until(() -> receipts.times.size() >= 60);
        await("red's later messages wait for their consumer").during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(15)).until(() -> receipts.times.size() == 60);
        red.start();
        receipts.awaitAll(80);
        receipts.assertRepeatsFlagged();
        assertThat(receivers).as("each group stayed with its consumer across the kill of broker %d", victim)
                .isEqualTo(owners);

        cluster.restart(victim);
        ClusterWaits.awaitMembers(cluster, 3);
        awaitQueueReplicated(queue);
    }

    /** Sends {@code n = from .. until-1} in message group {@code group}. */
    private static void sendGroup(Session session, MessageProducer producer, String group, int from, int until)
            throws JMSException {
        for (int n = from; n < until; n++) {
            Message m = session.createTextMessage("m" + n);
            m.setIntProperty("n", n);
            m.setStringProperty("JMSXGroupID", group);
            producer.send(m);
        }
    }
}
