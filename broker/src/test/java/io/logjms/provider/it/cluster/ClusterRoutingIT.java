package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.broker.config.FsyncPolicySetting;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsProperties;
import io.logjms.testing.FaultProxy;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionRolledBackException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client routing in a cluster of brokers in this JVM: an {@link InMemoryCluster} stands in for the coordination
 * (the test sets each partition's leader, replication factor 1, leaders spread over the brokers) and, where a
 * leader moves, the test copies the partition's log to the new leader as replication will. The client's URL names
 * one broker only; everything else it learns from METADATA.
 */
@Timeout(90)
class ClusterRoutingIT {
    private static final int PARTITIONS = 3;

    @TempDir
    Path dataRoot;
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final Map<Integer, Broker> brokers = new HashMap<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // a connection of a test that broke it on purpose
            }
        }
        brokers.values().forEach(Broker::close);
    }

    private Broker start(int node) {
        Broker broker = Broker.builder().dataDir(dataRoot.resolve("node-" + node)).host("127.0.0.1").port(0)
                .partitionsDefault(PARTITIONS).fsyncPolicy(FsyncPolicySetting.OS)
                .clusterFactory(cluster.node(node)).build().start();
        brokers.put(node, broker);
        return broker;
    }

    /** Creates the topic on every broker and gives partition {@code p} to node {@code leaders[p]}. */
    private DestinationId topic(String name, int... leaders) {
        DestinationId id = DestinationId.topic(name);
        return destination(id, leaders);
    }

    private DestinationId destination(DestinationId id, int... leaders) {
        for (Broker b : brokers.values()) {
            b.destinations().create(id, PARTITIONS, Map.of());
        }
        for (int p = 0; p < PARTITIONS; p++) {
            cluster.lead(partitionOf(brokers.get(leaders[p]), id, p).topicPartition(), leaders[p], 0);
        }
        return id;
    }

    private static Partition partitionOf(Broker broker, DestinationId id, int p) {
        return broker.destinations().get(id).partition(p);
    }

    private Connection connectTo(int node, String options) throws JMSException {
        Connection c = new LogJmsConnectionFactory("logjms://127.0.0.1:" + brokers.get(node).port()
                + "?requestTimeout=3000&reconnectTimeout=20000" + options).createConnection();
        toClose.add(0, c);
        return c;
    }

    private static Message numbered(Session session, int n, String key) throws JMSException {
        TextMessage m = session.createTextMessage("m" + n);
        m.setIntProperty("n", n);
        if (key != null) {
            m.setStringProperty("JMSXGroupID", key);
        }
        return m;
    }

    @Test
    void eachPartitionsSendsReachItsLeaderFromAClientThatKnowsOneBroker() throws Exception {
        start(1);
        start(2);
        start(3);
        DestinationId id = topic("routed", 1, 2, 3);
        Connection connection = connectTo(1, "");
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createTopic("routed"));
        for (int i = 0; i < 60; i++) {
            producer.send(numbered(session, i, "key-" + i));
        }

        long total = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            int leader = p + 1;
            for (int node = 1; node <= 3; node++) {
                long end = ReplicaLogs.messages(partitionOf(brokers.get(node), id, p));
                if (node == leader) {
                    total += end;
                } else {
                    assertThat(end).as("partition %d on node %d, which does not lead it", p, node).isZero();
                }
            }
            assertThat(ReplicaLogs.messages(partitionOf(brokers.get(leader), id, p))).as("partition %d on its leader", p)
                    .isPositive();
        }
        assertThat(total).isEqualTo(60);
    }

    @Test
    void aMovedLeaderIsFollowedWithoutAnErrorNothingTwiceAndInOrder() throws Exception {
        start(1);
        start(2);
        DestinationId id = topic("moving", 1, 1, 1);
        Connection connection = connectTo(1, "");
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createTopic("moving"));
        producer.send(numbered(session, 0, null));
        int pinned = pinnedPartition(id);

        int total = 400;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger acknowledged = new AtomicInteger(1);
        CountDownLatch done = new CountDownLatch(total - 1);
        for (int i = 1; i < total; i++) {
            producer.send(numbered(session, i, null), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    acknowledged.incrementAndGet();
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failures.add(exception);
                    done.countDown();
                }
            });
            if (i == total / 3) {
                await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.get() > 20);
                moveLeader(id, pinned, 1, 2, 1);
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).as("every send answered").isTrue();
        assertThat(failures).as("sends the application saw fail").isEmpty();

        Partition moved = partitionOf(brokers.get(2), id, pinned);
        assertThat(ReplicaLogs.messages(moved)).as("the new leader holds every message once").isEqualTo(total);
        assertThat(readAll(1, "moving")).as("the session's unkeyed sends stayed in their partition, in send order")
                .containsExactly(range(total).stream().map(n -> pinned + ":" + n).toArray(String[]::new));
    }

    @Test
    void sendsUnansweredByASilentLeaderAreSentAgainToTheNewOneAndStoredOnce() throws Exception {
        Broker first = start(1);
        start(2);
        DestinationId id = topic("silent", 1, 1, 1);
        long seed = FaultProxy.seed("logjms.faults.seed");
        FaultProxy proxy = FaultProxy.start(first.port(), seed);
        toClose.add(proxy);
        Connection connection = new LogJmsConnectionFactory("logjms://127.0.0.1:" + proxy.port()
                + "?requestTimeout=1000&reconnectTimeout=20000").createConnection();
        toClose.add(0, connection);
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createTopic("silent"));
        producer.send(numbered(session, 0, null));
        int pinned = pinnedPartition(id);

        // the leader stores the next batch, but neither its answer nor anything after it reaches the client
        proxy.dropAnswers(ApiKey.PRODUCE, 1.0).limitFaults(1);
        int total = 50;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(total - 1);
        for (int i = 1; i < total; i++) {
            producer.send(numbered(session, i, null), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failures.add(exception);
                    done.countDown();
                }
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.dropped() >= 1);
        moveLeader(id, pinned, 1, 2, 1);

        assertThat(done.await(30, TimeUnit.SECONDS)).as("every send answered (seed %d)", seed).isTrue();
        assertThat(failures).as("sends the application saw fail (seed %d)", seed).isEmpty();
        assertThat(readAll(2, "silent")).as("once each, in send order, on the new leader (seed %d)", seed)
                .containsExactly(range(total).stream().map(n -> pinned + ":" + n).toArray(String[]::new));
    }

    @Test
    void aLeaderRestartedOnAnotherPortIsFoundThroughTheMetadataOfAnotherBroker() throws Exception {
        start(1);
        Broker leader = start(2);
        DestinationId id = topic("restarts", 2, 2, 2);
        Connection connection = connectTo(1, "");
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createTopic("restarts"));
        producer.send(numbered(session, 0, null));
        int oldPort = leader.port();

        leader.close();
        Broker restarted = start(2);
        assertThat(restarted.port()).as("port 0 gave another port").isNotEqualTo(oldPort);
        producer.send(numbered(session, 1, null));

        int pinned = pinnedPartition(id);
        assertThat(ReplicaLogs.messages(partitionOf(restarted, id, pinned))).isEqualTo(2);
        assertThat(reported).as("the application heard of no failure").isEmpty();
    }

    @Test
    void aNonDurableSubscriberReceivesFromPartitionsLedByDifferentBrokers() throws Exception {
        start(1);
        start(2);
        start(3);
        topic("spread", 3, 1, 2);
        Connection connection = connectTo(2, "&prefetch=10");
        Session session = connection.createSession();
        Topic topic = session.createTopic("spread");
        MessageConsumer subscriber = session.createConsumer(topic);
        connection.start();
        MessageProducer producer = session.createProducer(topic);
        int total = 90;
        for (int i = 0; i < total; i++) {
            producer.send(numbered(session, i, "k" + i));
        }
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (int i = 0; i < total; i++) {
            Message m = subscriber.receive(10_000);
            assertThat(m).as("message %d of %d", i, total).isNotNull();
            byPartition.computeIfAbsent(m.getIntProperty(LogJmsProperties.PARTITION), p -> new ArrayList<>())
                    .add(m.getIntProperty("n"));
        }
        assertThat(subscriber.receive(300)).as("nothing twice").isNull();
        assertThat(byPartition).as("every partition, each from its leader").hasSize(PARTITIONS);
        assertThat(byPartition.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
        byPartition.values().forEach(ns -> assertThat(ns).isSorted());
    }

    /**
     * The connection's own sends meet the moved leader's NOT_LEADER, the client learns the new leader, and the
     * subscriber's partition moves there (a broker it did not use yet), continuing right after the last message it
     * received.
     */
    @Test
    void aNonDurableSubscriberFollowsALeaderThatMovedWithoutAGapOrARepeat() throws Exception {
        start(1);
        start(2);
        start(3);
        DestinationId id = topic("follow", 1, 1, 2);
        Connection connection = connectTo(1, "&prefetch=10");
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession();
        Topic topic = session.createTopic("follow");
        MessageConsumer subscriber = session.createConsumer(topic);
        connection.start();
        MessageProducer producer = session.createProducer(topic);
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            producer.send(numbered(session, i, "k" + i));
        }
        receive(subscriber, 30, byPartition);

        moveLeader(id, 0, 1, 3, 1);
        for (int i = 30; i < 60; i++) {
            producer.send(numbered(session, i, "k" + i));
        }
        receive(subscriber, 30, byPartition);
        assertThat(subscriber.receive(500)).as("nothing twice").isNull();
        assertThat(byPartition.values().stream().flatMap(List::stream).sorted().toList()).isEqualTo(range(60));
        byPartition.values().forEach(ns -> assertThat(ns).isSorted());
        assertThat(ReplicaLogs.messages(partitionOf(brokers.get(3), id, 0))).as("partition 0 grew at its new leader")
                .isGreaterThan(ReplicaLogs.messages(partitionOf(brokers.get(1), id, 0)));
        assertThat(reported).as("the application heard of no failure").isEmpty();
    }

    private static void receive(MessageConsumer subscriber, int count, Map<Integer, List<Integer>> byPartition)
            throws JMSException {
        for (int i = 0; i < count; i++) {
            Message m = subscriber.receive(10_000);
            assertThat(m).as("message %d of %d", i, count).isNotNull();
            byPartition.computeIfAbsent(m.getIntProperty(LogJmsProperties.PARTITION), p -> new ArrayList<>())
                    .add(m.getIntProperty("n"));
        }
    }

    @Test
    void aQueueBrowserSeesEveryPartitionAtItsLeader() throws Exception {
        start(1);
        start(2);
        destination(DestinationId.queue("browsed"), 1, 2, 2);
        Connection connection = connectTo(1, "");
        Session session = connection.createSession();
        Queue queue = session.createQueue("browsed");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 30; i++) {
            producer.send(numbered(session, i, "k" + i));
        }
        QueueBrowser browser = session.createBrowser(queue);
        List<Integer> seen = new ArrayList<>();
        for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
            seen.add(((Message) e.nextElement()).getIntProperty("n"));
        }
        Collections.sort(seen);
        assertThat(seen).isEqualTo(range(30));
    }

    /**
     * A transaction across brokers goes to its coordinator; this harness stands in for replication and gives the
     * cluster's transaction log no leader, so no coordinator takes it: refused, rolled back, saying why. Commits
     * across brokers are proven by {@code ClusterTransactionsIT}.
     */
    @Test
    void aTransactionOnOneBrokerCommitsAndOneAcrossBrokersWithoutACoordinatorIsRolledBackSayingWhy()
            throws Exception {
        start(1);
        start(2);
        DestinationId one = topic("tx.one", 2, 2, 2);
        Connection connection = connectTo(1, "");
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createTopic("tx.one"));
        for (int i = 0; i < 6; i++) {
            producer.send(numbered(session, i, "k" + i));
        }
        session.commit();
        long onNode2 = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            onNode2 += ReplicaLogs.messages(partitionOf(brokers.get(2), one, p));
        }
        assertThat(onNode2).as("the commit went to the broker leading every partition").isEqualTo(6);

        topic("tx.split", 1, 2, 2);
        MessageProducer split = session.createProducer(session.createTopic("tx.split"));
        for (int i = 0; i < 12; i++) {
            split.send(numbered(session, i, "k" + i));
        }
        assertThatThrownBy(session::commit).isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("no coordinator took the commit").hasMessageContaining("nothing was committed");
        long splitOnAnyBroker = 0;
        for (Broker b : brokers.values()) {
            for (int p = 0; p < PARTITIONS; p++) {
                splitOnAnyBroker += ReplicaLogs.messages(partitionOf(b, DestinationId.topic("tx.split"), p));
            }
        }
        assertThat(splitOnAnyBroker).as("nothing of the refused transaction is stored").isZero();
    }

    /** The partition the first message of a session went to (unkeyed sends stay on it). */
    private int pinnedPartition(DestinationId id) {
        for (int p = 0; p < PARTITIONS; p++) {
            for (Broker b : brokers.values()) {
                if (ReplicaLogs.messages(partitionOf(b, id, p)) > 0) {
                    return p;
                }
            }
        }
        throw new AssertionError("no partition of " + id + " holds a message");
    }

    /**
     * Moves a partition's leadership as replication with a takeover would: the old leader stops taking appends
     * (it follows now, so it answers NOT_LEADER), the new one gets its log with the producers' state, leads under
     * the new epoch, and the cluster says so.
     */
    private void moveLeader(DestinationId id, int p, int from, int to, int epoch) {
        Partition old = partitionOf(brokers.get(from), id, p);
        Partition next = partitionOf(brokers.get(to), id, p);
        old.becomeFollower(epoch, old.logEndOffset());
        next.becomeFollower(epoch, 0);
        long copied = copy(old, next, 0);
        long settled = copy(old, next, copied); // an append that passed the role check just before
        next.becomeLeader(epoch);
        TopicPartition tp = old.topicPartition();
        cluster.lead(tp, to, epoch);
        assertThat(settled).isEqualTo(old.logEndOffset());
    }

    private static long copy(Partition from, Partition to, long start) {
        long offset = start;
        while (offset < from.logEndOffset()) {
            for (ByteBuffer batch : from.log().readBatches(offset, 1 << 20, from.logEndOffset())) {
                offset = RecordBatch.of(batch).lastOffset() + 1;
                to.appendAsFollower(batch);
            }
        }
        return offset;
    }

    /** Every message of a topic as {@code partition:n}, read by a subscriber from the start, in arrival order. */
    private List<String> readAll(int node, String topic) throws JMSException {
        Connection reader = connectTo(node, "");
        Session session = reader.createSession();
        MessageConsumer consumer = session.createConsumer(session.createTopic(topic + "?start=earliest"));
        reader.start();
        List<String> read = new ArrayList<>();
        for (Message m = consumer.receive(10_000); m != null; m = consumer.receive(1000)) {
            read.add(m.getIntProperty(LogJmsProperties.PARTITION) + ":" + m.getIntProperty("n"));
        }
        return read;
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }
}
