package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.testing.ClusterWaits;
import io.logjms.testing.TestCluster;
import io.logjms.testing.TestClusterExtension;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader cut off from the other brokers by the fault proxies (not paused: its process runs and clients still
 * reach it) while a producer keeps sending through the cluster: the others elect a new leader, the isolated one
 * acknowledges nothing sent to it directly and serves none of it, and once the links are back it follows the new
 * leader and drops what it alone had, so that every replica's log ends identical.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterIsolationIT {
    private static final String TOPIC = "isolation";
    private static final int ISOLATED_MARK = -1;

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    @Test
    void anIsolatedLeaderCommitsAndServesNothingNewAndRejoinsAsAFollower(@TempDir Path dir) throws Exception {
        TestCluster cluster = clusters.start(TestCluster.builder(dir, 3).throughLinkProxies().jvmOptions("-Xmx192m"));
        ClusterWaits.awaitMembers(cluster, 3);
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(1).address())) {
            admin.createTopic(TOPIC, DestinationSettings.defaults().withPartitions(1).withReplicationFactor(3));
        }
        ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
        String isolatedUrl;
        List<Integer> acknowledged;
        int leader;
        try (ContinuousProducer producer = ContinuousProducer.start(
                cluster.bootstrapUrl("reconnectTimeout=60000&requestTimeout=5000"), TOPIC)) {
            producer.awaitAcknowledged(100, Duration.ofSeconds(60));
            leader = ClusterWaits.leader(cluster, TOPIC, 0);
            isolatedUrl = "logjms://" + cluster.node(leader).address();

            cluster.links().isolate(leader);
            int next = ClusterWaits.awaitNewLeader(cluster, TOPIC, 0, leader, Duration.ofSeconds(30));
            // the followers' fetches were cut off too, not only Hazelcast: they come from the brokers' hosts
            assertThat(cluster.links().proxy(leader, cluster.node(leader).port()).discardedBytes())
                    .as("replica traffic blackholed at node %d's client port", leader).isPositive();
            producer.awaitAcknowledged(producer.acknowledged() + 200, Duration.ofSeconds(60));

            assertThatThrownBy(() -> sendOnlyTo(isolatedUrl + "?reconnectTimeout=5000&requestTimeout=2000"))
                    .as("a send to isolated node %d (replaced by node %d) is not acknowledged", leader, next)
                    .isInstanceOf(JMSException.class);
            assertThat(ContinuousProducer.readAll(isolatedUrl + "?reconnectTimeout=5000&requestTimeout=2000", TOPIC))
                    .as("what isolated node %d serves", leader).doesNotContain(ISOLATED_MARK);

            cluster.links().restore();
            ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
            producer.awaitAcknowledged(producer.acknowledged() + 100, Duration.ofSeconds(60));
            acknowledged = producer.stop();
            assertThat(producer.errors()).isEmpty();
        }
        ClusterWaits.awaitCaughtUp(cluster, TOPIC, 0);
        List<Integer> read = ContinuousProducer.readAll(cluster.bootstrapUrl(), TOPIC);
        assertThat(read).doesNotContain(ISOLATED_MARK).containsAll(acknowledged).doesNotHaveDuplicates();
        assertThat(read).isSorted();

        for (int id = 1; id <= 3; id++) {
            cluster.kill(id); // together, before any leader change (see ClusterFailoverIT)
        }
        ReplicaLogs.assertIdentical(cluster, TOPIC, 0);
    }

    /** One synchronous persistent send through a connection that knows only {@code url}'s broker. */
    private static void sendOnlyTo(String url) throws JMSException {
        try (Connection connection = new LogJmsConnectionFactory(url).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
            Message m = session.createTextMessage("sent to an isolated leader");
            m.setIntProperty("n", ISOLATED_MARK);
            producer.send(m);
        }
    }
}
