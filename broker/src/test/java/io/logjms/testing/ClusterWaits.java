package io.logjms.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.provider.admin.AdminUrl;
import io.logjms.provider.admin.ClusterDetails;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationDetails.PartitionRange;
import io.logjms.provider.admin.LogJmsAdmin;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded waits on a {@link TestCluster}'s state as its brokers' admin API tells it (what
 * {@code bin/logjms cluster describe --json} and {@code topics describe --json} print): each question goes to
 * one broker, with short timeouts so that a paused broker is a failed attempt, not a hung test.
 */
public final class ClusterWaits {
    /** Joins, placements and catching up take seconds; the machine is shared. */
    public static final Duration FORMED = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration CALL = Duration.ofSeconds(3);

    private ClusterWaits() {
    }

    /** Waits until every running, unpaused node sees {@code size} live members and a controller. */
    public static void awaitMembers(TestCluster cluster, int size) {
        await("cluster of " + size + " formed").atMost(FORMED).pollInterval(POLL).ignoreExceptions()
                .untilAsserted(() -> {
                    for (TestCluster.Node node : answering(cluster)) {
                        ClusterDetails d = ask(node, LogJmsAdmin::describeCluster);
                        assertThat(d.controller()).as("controller seen by node %d", node.id()).isNotNull();
                        assertThat(d.members().stream().filter(ClusterDetails.Member::alive).count())
                                .as("live members seen by node %d: %s", node.id(), d.members()).isEqualTo(size);
                    }
                });
    }

    /**
     * Waits until every running, unpaused node knows the topic and sees, for each partition, a leader and every
     * replica in sync.
     */
    public static void awaitFullyReplicated(TestCluster cluster, String topic) {
        await("topic " + topic + " has leaders and every replica in sync").atMost(FORMED).pollInterval(POLL)
                .ignoreExceptions().untilAsserted(() -> {
                    for (TestCluster.Node node : answering(cluster)) {
                        DestinationDetails d = ask(node, a -> a.describeTopic(topic));
                        assertThat(d.partitions()).isNotEmpty();
                        for (PartitionRange p : d.partitions()) {
                            assertThat(p.leader()).as("leader of %s seen by node %d", p, node.id()).isNotNull();
                            assertThat(new HashSet<>(p.inSync())).as("in sync, seen by node %d: %s", node.id(), p)
                                    .isEqualTo(new HashSet<>(p.replicas()));
                        }
                    }
                });
    }

    /**
     * Waits until every running node's copy of the partition ends where the leader's high watermark does (no
     * producer may be sending), so that the replicas' logs can be compared.
     */
    public static void awaitCaughtUp(TestCluster cluster, String topic, int partition) {
        await("every copy of " + topic + "-" + partition + " ends at the high watermark").atMost(FORMED)
                .pollInterval(POLL).ignoreExceptions().untilAsserted(() -> {
                    int leader = leader(cluster, topic, partition);
                    PartitionRange atLeader = partitionOn(cluster, leader, topic, partition);
                    assertThat(atLeader.highWatermark()).isEqualTo(atLeader.logEndOffset());
                    for (TestCluster.Node node : answering(cluster)) {
                        assertThat(partitionOn(cluster, node.id(), topic, partition).logEndOffset())
                                .as("log end of node %d", node.id()).isEqualTo(atLeader.logEndOffset());
                    }
                });
    }

    /** The partition's leader as the first answering node sees it; fails when it has none. */
    public static int leader(TestCluster cluster, String topic, int partition) {
        AtomicInteger leader = new AtomicInteger();
        await("a leader of " + topic + "-" + partition).atMost(FORMED).pollInterval(POLL).ignoreExceptions()
                .untilAsserted(() -> {
                    Integer l = partitionOn(cluster, answering(cluster).get(0).id(), topic, partition).leader();
                    assertThat(l).isNotNull();
                    leader.set(l);
                });
        return leader.get();
    }

    /**
     * Waits until a node other than {@code old} (running, unpaused) says the partition is led by a node other
     * than {@code old}, and returns that leader.
     */
    public static int awaitNewLeader(TestCluster cluster, String topic, int partition, int old, Duration within) {
        AtomicInteger leader = new AtomicInteger();
        await("a leader of " + topic + "-" + partition + " other than node " + old).atMost(within).pollInterval(POLL)
                .ignoreExceptions().untilAsserted(() -> {
                    TestCluster.Node asked = answering(cluster).stream().filter(n -> n.id() != old).findFirst()
                            .orElseThrow();
                    Integer l = partitionOn(cluster, asked.id(), topic, partition).leader();
                    assertThat(l).isNotNull().isNotEqualTo(old);
                    leader.set(l);
                });
        return leader.get();
    }

    /** The partition as node {@code id} describes it: the offsets of its own copy, the cluster's view of the rest. */
    public static PartitionRange partitionOn(TestCluster cluster, int id, String topic, int partition) {
        return ask(cluster.node(id), a -> a.describeTopic(topic)).partitions().get(partition);
    }

    private static List<TestCluster.Node> answering(TestCluster cluster) {
        List<TestCluster.Node> nodes = cluster.nodes().stream().filter(n -> n.isRunning() && !n.isPaused()).toList();
        if (nodes.isEmpty()) {
            throw new IllegalStateException("no broker of the cluster runs unpaused");
        }
        return nodes;
    }

    private interface Question<T> {
        T ask(LogJmsAdmin admin);
    }

    private static <T> T ask(TestCluster.Node node, Question<T> question) {
        try (LogJmsAdmin admin = LogJmsAdmin.connect(AdminUrl.parse("logjms://" + node.address()), CALL, CALL)) {
            return question.ask(admin);
        }
    }
}
