package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.net.handlers.CrossBrokerTransactionHandlers;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsProperties;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.testing.ClusterWaits;
import io.logjms.testing.TestCluster;
import io.logjms.testing.TestClusterExtension;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
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
 * Transactions whose partitions are led by different brokers, on three brokers in JVMs of their own (one cluster
 * start for every check, in order): a commit is atomic and a rollback leaves nothing; the coordinator dying right
 * after its decision (a test setting halts the broker there, as a SIGKILL would) leaves the transaction applied
 * everywhere exactly once after failover; consume-transform-produce from one queue to another, led by different
 * brokers or by one, across the kill of a leader, writes each input's result exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterTransactionsIT {
    /** Destinations whose names start so make the coordinator of a transaction sending to them halt after deciding. */
    private static final String HALT_PREFIX = "halt-";
    private static final String CLIENT_OPTIONS = "reconnectTimeout=90000&requestTimeout=5000";
    private static final int MAX_ATTEMPTS = 5;

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    private TestCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = clusters.start(TestCluster.builder(dir, 3).setting("delivery.max.attempts",
                String.valueOf(MAX_ATTEMPTS)).jvmOptions("-Xmx192m",
                "-D" + CrossBrokerTransactionHandlers.HALT_AFTER_DECISION_PROPERTY + "=" + HALT_PREFIX));
        ClusterWaits.awaitMembers(cluster, 3);
        ClusterWaits.awaitFullyReplicated(cluster, "__logjms.transactions");
    }

    /** An admin client of a running broker (any answers for the cluster). */
    private LogJmsAdmin admin() {
        TestCluster.Node node = cluster.nodes().stream().filter(n -> n.isRunning() && !n.isPaused()).findFirst()
                .orElseThrow();
        return LogJmsAdmin.connect("logjms://" + node.address());
    }

    /**
     * Creates one-partition destinations named {@code base-1}, {@code base-2} ... (topics or queues, replication
     * factor 3) until two are led by different brokers; returns their names.
     */
    private List<String> twoLedApart(String base, boolean queues) {
        return twoLed(base, queues, false);
    }

    private List<String> twoLed(String base, boolean queues, boolean byOneBroker) {
        List<String> names = new ArrayList<>();
        List<Integer> leaders = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String name = base + "-" + i;
            try (LogJmsAdmin admin = admin()) {
                DestinationSettings settings = DestinationSettings.defaults().withPartitions(1).withReplicationFactor(3);
                if (queues) {
                    admin.createQueue(name, settings);
                } else {
                    admin.createTopic(name, settings);
                }
            }
            int leader = leader(name, queues);
            for (int j = 0; j < names.size(); j++) {
                if ((leaders.get(j) == leader) == byOneBroker) {
                    return List.of(names.get(j), name);
                }
            }
            names.add(name);
            leaders.add(leader);
        }
        throw new AssertionError("four destinations created and no two led " + (byOneBroker ? "by one broker: "
                : "by different brokers: ") + names + " " + leaders);
    }

    private int leader(String name, boolean queue) {
        Function<LogJmsAdmin, DestinationDetails> describe = queue ? a -> a.describeQueue(name)
                : a -> a.describeTopic(name);
        int[] leader = new int[1];
        await("a leader of " + name + " in sync with its replicas").atMost(ClusterWaits.FORMED)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
                    try (LogJmsAdmin admin = admin()) {
                        DestinationDetails.PartitionRange p = describe.apply(admin).partitions().get(0);
                        assertThat(p.leader()).isNotNull();
                        assertThat(p.inSync()).hasSize(3);
                        leader[0] = p.leader();
                    }
                });
        return leader[0];
    }

    /** Sends n = {@code from} .. {@code to - 1} to each topic in one transaction and commits or rolls it back. */
    private void sendInOneTransaction(Session session, List<String> topics, int from, int to, boolean commit)
            throws Exception {
        for (String topic : topics) {
            MessageProducer producer = session.createProducer(session.createTopic(topic));
            for (int n = from; n < to; n++) {
                Message m = session.createTextMessage(topic + " " + n);
                m.setIntProperty("n", n);
                producer.send(m);
            }
            producer.close();
        }
        if (commit) {
            session.commit();
        } else {
            session.rollback();
        }
    }

    @Test
    @Order(1)
    void aTransactionOverTwoBrokersCommitsAtomicallyAndARolledBackOneLeavesNothing() throws Exception {
        List<String> topics = twoLedApart("atomic", false);
        try (Connection connection = new LogJmsConnectionFactory(cluster.bootstrapUrl(CLIENT_OPTIONS))
                .createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            sendInOneTransaction(session, topics, 0, 5, true);
            sendInOneTransaction(session, topics, 100, 103, false);
            sendInOneTransaction(session, topics, 5, 6, true);
        }
        for (String topic : topics) {
            assertThat(ContinuousProducer.readAll(cluster.bootstrapUrl(), topic)).as("read from %s", topic)
                    .containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    @Order(2)
    void aCoordinatorKilledBetweenItsDecisionAndTheApplyLeavesTheTransactionCompleteEverywhereOnce()
            throws Exception {
        List<String> topics = twoLedApart(HALT_PREFIX + "txn", false);
        try (Connection connection = new LogJmsConnectionFactory(cluster.bootstrapUrl(CLIENT_OPTIONS))
                .createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            // the coordinator halts once the decision is committed; the session's commit goes on to the next one
            sendInOneTransaction(session, topics, 0, 10, true);
        }
        List<Integer> halted = cluster.nodes().stream().filter(n -> !n.isRunning()).map(TestCluster.Node::id).toList();
        assertThat(halted).as("the coordinator stopped right after its decision").hasSize(1);
        assertThat(cluster.logTail(halted.get(0), 200)).contains("halting right after deciding transaction");
        for (String topic : topics) {
            assertThat(ContinuousProducer.readAll(cluster.bootstrapUrl(), topic)).as("read from %s", topic)
                    .containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        }
        cluster.restart(halted.get(0));
        ClusterWaits.awaitMembers(cluster, 3);
        ClusterWaits.awaitFullyReplicated(cluster, "__logjms.transactions");
        for (String topic : topics) {
            assertThat(ContinuousProducer.readAll("logjms://" + cluster.node(halted.get(0)).address(), topic))
                    .as("read from %s through the restarted coordinator", topic)
                    .containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        }
    }

    @Test
    @Order(3)
    void consumeTransformProduceAcrossTheKillOfTheOutputsLeaderWritesEachResultOnce() throws Exception {
        List<String> queues = twoLedApart("ctp", true);
        consumeTransformProduce(queues.get(0), queues.get(1), leader(queues.get(1), true));
    }

    /**
     * The input queue's cursor lives with its partition's leader, in the partition's log, and its consumer follows
     * the leader, so records acknowledged by committed transactions are not delivered again by the new leader
     * (without replicated cursors the results of the inputs processed before the kill were written twice).
     */
    @Test
    @Order(4)
    void consumeTransformProduceAcrossTheKillOfTheInputsLeaderWritesEachResultOnce() throws Exception {
        List<String> queues = twoLedApart("ctp-in-kill", true);
        consumeTransformProduce(queues.get(0), queues.get(1), leader(queues.get(0), true));
    }

    /**
     * A transaction whose partitions one broker leads commits through the coordinator too: that broker's own
     * transaction log dies with it, and its outputs could be committed by the followers without its
     * acknowledgements.
     */
    @Test
    @Order(5)
    void consumeTransformProduceAcrossTheKillOfTheLeaderOfBothWritesEachResultOnce() throws Exception {
        List<String> queues = twoLed("ctp-both-kill", true, true);
        consumeTransformProduce(queues.get(0), queues.get(1), leader(queues.get(0), true));
    }

    /**
     * Puts 60 messages on {@code in}, then moves each to {@code out} in a transaction of its own (receive, send
     * n * 10, commit), killing node {@code victim} after 20 commits (restarted at the end, whatever happened);
     * {@code out} then holds every result exactly once.
     */
    private void consumeTransformProduce(String in, String out, int victim) throws Exception {
        int count = 60;
        int inLeader = leader(in, true);
        // the consumer's broker leads the input (until the cursor work of cluster part 2, a queue is consumed there)
        String url = "logjms://" + cluster.node(inLeader).address() + "," + cluster.bootstrapUrl().substring(
                "logjms://".length()) + "?" + CLIENT_OPTIONS;
        try (Connection connection = new LogJmsConnectionFactory(url).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue(in));
            for (int n = 0; n < count; n++) {
                Message m = session.createMessage();
                m.setIntProperty("n", n);
                producer.send(m);
            }
        }
        try {
            transformEach(url, in, out, count, victim);
        } finally {
            if (!cluster.node(victim).isRunning()) {
                cluster.restart(victim); // the later checks need every broker, whatever this one found
            }
            ClusterWaits.awaitMembers(cluster, 3);
        }
    }

    private void transformEach(String url, String in, String out, int count, int victim) throws Exception {
        List<Integer> processed = new ArrayList<>();
        List<String> history = new ArrayList<>(); // each commit's input and outcome, for a failure's message
        try (Connection connection = new LogJmsConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(in));
            MessageProducer producer = session.createProducer(session.createQueue(out));
            connection.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
            while (processed.size() < count && System.nanoTime() < deadline) {
                Message m = consumer.receive(1000);
                if (m == null) {
                    continue;
                }
                Message result = session.createMessage();
                result.setIntProperty("n", m.getIntProperty("n") * 10);
                producer.send(result);
                String received = "n=" + m.getIntProperty("n") + " (offset " + m.getLongProperty(LogJmsProperties.OFFSET)
                        + ", delivery " + m.getIntProperty("JMSXDeliveryCount") + ")";
                try {
                    session.commit();
                    processed.add(m.getIntProperty("n"));
                    history.add(received + " committed");
                } catch (jakarta.jms.TransactionRolledBackException e) {
                    history.add(received + " rolled back: " + e.getMessage());
                    // the input goes back to the queue and comes again; its result was not written
                }
                if (processed.size() == 20 && cluster.node(victim).isRunning()) {
                    cluster.kill(victim);
                }
            }
        }
        assertThat(processed).as("inputs processed; commits: %s", history).hasSize(count);
        List<Integer> results = readQueue(cluster.bootstrapUrl(), out);
        assertThat(results).as("results on %s; commits: %s", out, history).hasSize(count)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).map(n -> n * 10).boxed().toList());
    }

    @Test
    @Order(6)
    void aRecordDeadLetteredByOneBrokerIsCommittedInTheDeadLetterQueueLedByAnotherOnce() throws Exception {
        try (LogJmsAdmin admin = admin()) {
            admin.createQueue("DLQ", DestinationSettings.defaults().withPartitions(1).withReplicationFactor(3));
        } catch (io.logjms.provider.admin.LogJmsAdminException e) {
            // made by an earlier dead-lettering: one partition, the default (three) replicas
            assertThat(e).hasMessageContaining("already exists");
        }
        int dlqLeader = leader("DLQ", true);
        int dispatcher = cluster.ids().filter(id -> id != dlqLeader).findFirst().orElseThrow();
        try (LogJmsAdmin admin = admin()) {
            admin.createQueue("dlq-source", DestinationSettings.defaults().withPartitions(1).withReplicationFactor(3));
        }
        leader("dlq-source", true);
        // until the cursor work of cluster part 2, a queue is dispatched by the broker its consumer connected to;
        // that broker does not lead the DLQ, so the copy can only get there through the broker-to-broker apply
        String url = "logjms://" + cluster.node(dispatcher).address() + "?" + CLIENT_OPTIONS;
        try (Connection connection = new LogJmsConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Message m = session.createMessage();
            m.setIntProperty("n", 7);
            session.createProducer(session.createQueue("dlq-source")).send(m);
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue("dlq-source"));
            connection.start();
            int deliveries = 0;
            for (Message got = consumer.receive(10_000); got != null; got = consumer.receive(3000)) {
                deliveries++;
                session.rollback();
            }
            assertThat(deliveries).as("deliveries before dead-lettering").isEqualTo(MAX_ATTEMPTS);
        }
        List<Message> dead = new ArrayList<>();
        try (Connection connection = new LogJmsConnectionFactory(cluster.bootstrapUrl(CLIENT_OPTIONS))
                .createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("DLQ"));
            connection.start();
            for (Message m = consumer.receive(10_000); m != null; m = consumer.receive(2000)) {
                if (m.getStringProperty("JMS_LogJMS_OriginalDestination").contains("dlq-source")) {
                    dead.add(m);
                }
            }
        }
        assertThat(dead).as("dead-lettered by node %d into the DLQ led by node %d", dispatcher, dlqLeader).hasSize(1);
        assertThat(dead.get(0).getIntProperty("n")).isEqualTo(7);
        assertThat(dead.get(0).getIntProperty("JMS_LogJMS_DeliveryCount")).isEqualTo(MAX_ATTEMPTS);
    }

    /**
     * Consume-transform-produce whose coordinator halts right after deciding, and whose application dies with the
     * commit in flight (its connection closed: what its consumer held goes back), while a second instance of the
     * application takes over the input: the record consumed by the decided transaction was held for it at the input's
     * leader before the decision, so it is not delivered again, and the next coordinator finishes the transaction:
     * each committed input's result is written once. Without the hold, the record went to the second instance at
     * once. (The test setting does not halt a coordinator that leads the input, which has the consumer's connection
     * to end; such commits go through, and the next input is tried.)
     */
    @Test
    @Order(7)
    void aRecordConsumedByATransactionDecidedBeforeItsCoordinatorDiedIsNotDeliveredAgain() throws Exception {
        List<String> queues = twoLedApart(HALT_PREFIX + "race", true);
        String in = queues.get(0);
        String out = queues.get(1);
        int count = 10;
        try (Connection connection = new LogJmsConnectionFactory(cluster.bootstrapUrl(CLIENT_OPTIONS))
                .createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue(in));
            for (int n = 0; n < count; n++) {
                Message m = session.createMessage();
                m.setIntProperty("n", n);
                producer.send(m);
            }
        }
        ExecutorService background = Executors.newCachedThreadPool();
        List<Integer> committed = new ArrayList<>();
        List<Integer> deliveredAgain = new ArrayList<>();
        int decided = -1;
        try (Connection second = new LogJmsConnectionFactory(cluster.bootstrapUrl(CLIENT_OPTIONS)).createConnection();
             Connection app = new LogJmsConnectionFactory(cluster.bootstrapUrl(CLIENT_OPTIONS)).createConnection()) {
            Session session = app.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(in));
            MessageProducer producer = session.createProducer(session.createQueue(out));
            app.start();
            while (decided < 0 && committed.size() < count) {
                Message input = consumer.receive(10_000);
                assertThat(input).as("input after %s", committed).isNotNull();
                Message result = session.createMessage();
                result.setIntProperty("n", input.getIntProperty("n") * 10);
                producer.send(result);
                Future<?> commit = background.submit(() -> {
                    session.commit();
                    return null;
                });
                await("the commit, or the coordinator halted right after its decision").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> commit.isDone() || cluster.nodes().stream().anyMatch(n -> !n.isRunning()));
                if (commit.isDone()) {
                    commit.get(); // its coordinator led the input: not halted
                    committed.add(input.getIntProperty("n"));
                } else {
                    decided = input.getIntProperty("n");
                }
            }
            assertThat(decided).as("a coordinator halted after deciding").isNotNegative();
            // a second instance takes over the input, and the application dies with its commit in flight
            Session secondSession = second.createSession();
            MessageConsumer takingOver = secondSession.createConsumer(secondSession.createQueue(in));
            second.start();
            Future<?> closed = background.submit(() -> {
                app.close();
                return null;
            });
            try {
                closed.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // closing while the commit fails over may report an error; the connection is gone either way
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // past the next coordinator's takeover
            while (System.nanoTime() < until) {
                Message again = takingOver.receive(500);
                if (again != null) {
                    deliveredAgain.add(again.getIntProperty("n"));
                }
            }
        } finally {
            background.shutdownNow();
            for (TestCluster.Node node : cluster.nodes()) {
                if (!node.isRunning()) {
                    cluster.restart(node.id());
                }
            }
            ClusterWaits.awaitMembers(cluster, 3);
        }
        List<Integer> consumed = new ArrayList<>(committed);
        consumed.add(decided);
        assertThat(deliveredAgain).as("inputs delivered to the second instance (%d was consumed by the decided"
                + " transaction, %s by committed ones)", decided, committed).doesNotContainAnyElementsOf(consumed);
        assertThat(readQueue(cluster.bootstrapUrl(), out)).as("results on %s", out)
                .containsExactlyInAnyOrderElementsOf(consumed.stream().map(n -> n * 10).toList());
    }

    /** Every n on the queue, consumed until nothing came for two seconds. */
    private static List<Integer> readQueue(String url, String queue) throws Exception {
        List<Integer> read = new ArrayList<>();
        try (Connection connection = new LogJmsConnectionFactory(url).createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            for (Message m = consumer.receive(10_000); m != null; m = consumer.receive(2000)) {
                read.add(m.getIntProperty("n"));
            }
        }
        return read;
    }
}
