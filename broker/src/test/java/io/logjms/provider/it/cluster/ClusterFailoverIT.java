package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.provider.admin.DestinationDetails.PartitionRange;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.testing.ClusterWaits;
import io.logjms.testing.TestCluster;
import io.logjms.testing.TestClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
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
 * Three brokers in JVMs of their own, one topic with replication factor 3, and one JMS producer sending
 * asynchronously without pause through a story of failures: the partition's leader SIGKILLed, then a leader
 * paused (SIGSTOP) until it is replaced and resumed, then the controller paused likewise (each replaced within 15 s
 * with the default {@code cluster.failure.timeout.ms}), then every broker SIGKILLed and restarted. After each step every acknowledged message is
 * there exactly once and in order, and at the end every replica's log, read from its data directory by the
 * broker's own log code, holds the same records. One cluster start serves every step, so they run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterFailoverIT {
    private static final String TOPIC = "failover";
    private static final String TRANSACTION_LOG = "__logjms.transactions";
    /** The bound on a dead broker's partitions getting a new leader, default failure timeout. */
    private static final Duration NEW_LEADER_WITHIN = Duration.ofSeconds(15);

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    private TestCluster cluster;
    private ContinuousProducer producer;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = clusters.start(TestCluster.builder(dir, 3).jvmOptions("-Xmx192m"));
        ClusterWaits.awaitMembers(cluster, 3);
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(1).address())) {
            admin.createTopic(TOPIC, DestinationSettings.defaults().withPartitions(1).withReplicationFactor(3));
        }
        ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
        producer = ContinuousProducer.start(cluster.bootstrapUrl("reconnectTimeout=60000&requestTimeout=5000"), TOPIC);
    }

    @AfterAll
    void stopProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    @Order(1)
    void aKilledLeaderIsReplacedWithin15SecondsAndNothingAcknowledgedIsLost() throws Exception {
        producer.awaitAcknowledged(200, Duration.ofSeconds(60));
        int leader = ClusterWaits.leader(cluster, TOPIC, 0);

        long killedAt = System.nanoTime();
        cluster.kill(leader);
        int next = ClusterWaits.awaitNewLeader(cluster, TOPIC, 0, leader, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(took).as("node %d took over from killed node %d", next, leader).isLessThan(NEW_LEADER_WITHIN);
        long acked = producer.acknowledged();
        producer.awaitAcknowledged(acked + 200, Duration.ofSeconds(60));
        assertThat(producer.errors()).as("a single broker's failure is not the application's").isEmpty();

        cluster.restart(leader);
        ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
        producer.assertAcknowledgedReadOnceInOrder(cluster.bootstrapUrl());
    }

    @Test
    @Order(2)
    void aPausedLeaderIsReplacedCommitsNothingNewAndRejoinsAsAFollower() throws Exception {
        long before = producer.acknowledged();
        producer.awaitAcknowledged(before + 100, Duration.ofSeconds(60));
        int leader = ClusterWaits.leader(cluster, TOPIC, 0);

        long pausedAt = System.nanoTime();
        cluster.pause(leader);
        int next = ClusterWaits.awaitNewLeader(cluster, TOPIC, 0, leader, Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).as("node %d took over from paused node %d",
                next, leader).isLessThan(NEW_LEADER_WITHIN);
        long acked = producer.acknowledged();
        producer.awaitAcknowledged(acked + 200, Duration.ofSeconds(60));
        cluster.resume(leader);

        ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
        PartitionRange seenByOld = ClusterWaits.partitionOn(cluster, leader, TOPIC, 0);
        assertThat(seenByOld.leader()).as("node %d stays replaced by node %d", leader, next).isEqualTo(next);
        acked = producer.acknowledged();
        producer.awaitAcknowledged(acked + 100, Duration.ofSeconds(60));
        assertThat(producer.errors()).isEmpty();
        producer.assertAcknowledgedReadOnceInOrder(cluster.bootstrapUrl());
    }

    /**
     * The slowest pause to recover from: the paused broker is the controller (Hazelcast's oldest member), so the
     * others first agree on a new Hazelcast master before a new controller can place its partitions. That took up to
     * 15.5 s until the brokers shortened two Hazelcast delays (see {@code HazelcastConfigs}); the check pauses the
     * controller and times a partition it leads, of the topic or of the transaction log.
     */
    @Test
    @Order(3)
    void aPausedControllersPartitionsGetANewLeaderInTime() throws Exception {
        int controller;
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(1).address())) {
            controller = admin.describeCluster().controller();
        }
        String topic = TOPIC;
        int partition = 0;
        // the transaction log's four partitions have leaders spread over the three brokers
        for (int p = 0; ClusterWaits.leader(cluster, topic, partition) != controller; p++) {
            assertThat(p).as("a partition led by controller node %d", controller).isLessThan(4);
            topic = TRANSACTION_LOG;
            partition = p;
        }

        long pausedAt = System.nanoTime();
        cluster.pause(controller);
        int next = ClusterWaits.awaitNewLeader(cluster, topic, partition, controller, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - pausedAt);
        cluster.resume(controller);
        assertThat(took).as("node %d took over %s-%d from paused controller node %d", next, topic, partition,
                controller).isLessThan(NEW_LEADER_WITHIN);
        ClusterWaits.awaitMembers(cluster, 3);
        ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
        assertThat(producer.errors()).isEmpty();
    }

    /**
     * Failed in about half of the runs until the brokers reread the metadata maps every second: a follower whose
     * Hazelcast listener had not reached the member that wrote the new assignment never learnt of it (entry events
     * are not guaranteed while a cluster forms), so it never fetched from the new leader.
     */
    @Test
    @Order(4)
    void aWholeClusterKilledAndRestartedKeepsEverythingAcknowledgedAndEveryReplicaHoldsTheSameRecords()
            throws Exception {
        producer.awaitAcknowledged(producer.acknowledged() + 100, Duration.ofSeconds(60));
        List<Integer> acknowledgedBeforeKill = producer.stop();
        for (int id = 1; id <= 3; id++) {
            cluster.kill(id);
        }

        for (int id = 1; id <= 3; id++) {
            cluster.restart(id);
        }
        ClusterWaits.awaitMembers(cluster, 3);
        ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
        producer.assertReadOnceInOrder(cluster.bootstrapUrl(), acknowledgedBeforeKill);

        ClusterWaits.awaitCaughtUp(cluster, TOPIC, 0);
        // killed together, well within the failure timeout: a graceful stop one by one would hand the leadership
        // on, and each new leader writes its epoch-start marker
        for (int id = 1; id <= 3; id++) {
            cluster.kill(id);
        }
        ReplicaLogs.assertIdentical(cluster, TOPIC, 0);
    }
}
