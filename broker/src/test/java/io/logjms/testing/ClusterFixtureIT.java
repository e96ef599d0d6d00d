package io.logjms.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.net.RawConnection;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.FrameKind;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.client.ProtocolClient;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.DataInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link TestCluster} fixture itself, on one start of three broker JVMs: each answers, a killed node
 * restarts with its data, a paused node stops answering until it is resumed, and nothing is left running.
 * Until the cluster coordination is merged the launcher has no cluster flags and the three brokers are
 * standalone; then they are started as a cluster, and the check that needs a single broker (a JMS send through
 * the paused node times out) is left out, since a cluster client would go to another node; a raw HANDSHAKE to
 * the paused node's own port is checked in both cases.
 */
@Timeout(180)
class ClusterFixtureIT {
    private static final int REQUEST_TIMEOUT_MS = 1000;

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    @TempDir
    Path baseDir;

    // standalone brokers: this checks the fixture's process handling, with a queue round trip per broker (a
    // queue consumer of cluster part 1 reads its bootstrap broker's copy); ClusterFailoverIT drives the same
    // operations on a formed cluster
    @Test
    void startsKillsRestartsPausesAndResumesBrokersAndLeavesNothingRunning() throws Exception {
        TestCluster cluster = clusters.start(TestCluster.builder(baseDir, 3).standalone());

        for (int id = 1; id <= 3; id++) {
            assertThat(roundTrip(url(cluster, id), "answers-" + id)).isEqualTo("answers-" + id);
        }
        assertThat(cluster.bootstrapUrl()).isEqualTo("logjms://127.0.0.1:" + cluster.node(1).port()
                + ",127.0.0.1:" + cluster.node(2).port() + ",127.0.0.1:" + cluster.node(3).port());

        killedNodeRestartsWithItsData(cluster);
        pausedNodeAnswersNoRequestUntilResumed(cluster);
        if (!cluster.clustered()) {
            aJmsSendThroughAPausedBrokerTimesOut(cluster);
        }

        List<Long> pids = cluster.startedPids();
        assertThat(pids).hasSize(4);
        cluster.close();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("broker process %d", pid).isEmpty());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains(baseDir.toString())))
                .as("no process started with this test's directories still runs").isEmpty();
    }

    @Test
    void aClusterGetsTheClusterFlagsAndThroughProxiesItsAddressPlanWithoutStartingAnything() throws Exception {
        try (TestCluster cluster = TestCluster.builder(baseDir, 3).throughLinkProxies()
                .setting("replication.factor.default", "3").nodeSetting(2, "fsync.policy", "interval")
                .nodeJvmOptions(3, "-Dmarker=3").build()) {
            List<String> members = List.of(1, 2, 3).stream().map(i -> LinkFaults.advertisedHost(i) + ":"
                    + cluster.node(i).clusterPort()).toList();
            TestCluster.Node two = cluster.node(2);
            assertThat(two.arguments()).containsSequence("--host", "127.0.1.2").containsSequence("--port", "0")
                    .containsSequence("--node-id", "2").containsSequence("--cluster-members", String.join(",", members))
                    .containsSequence("--cluster-port", Integer.toString(two.clusterPort()))
                    .containsSequence("--config", two.configFile().toString());
            assertThat(java.nio.file.Files.readAllLines(two.configFile())).contains("advertised.host=127.0.2.2",
                    "replication.factor.default=3", "fsync.policy=interval");
            assertThat(two.jvmOptions()).contains("-Dhazelcast.socket.client.bind.any=false",
                    "-Dhazelcast.local.localAddress=127.0.1.2",
                    "-Dhazelcast.local.publicAddress=127.0.2.2:" + two.clusterPort()).doesNotContain("-Dmarker=3");
            assertThat(cluster.node(3).jvmOptions()).endsWith("-Dmarker=3");
            assertThat(cluster.links().proxy(2, two.clusterPort()).target().getAddress().getHostAddress())
                    .isEqualTo("127.0.1.2");
            if (!TestCluster.launcherHasClusterFlags()) {
                assertThatThrownBy(cluster::start).hasMessageContaining("no --cluster-members flag");
            }
        }
        try (TestCluster standalone = TestCluster.builder(baseDir.resolve("standalone"), 1).standalone().build()) {
            assertThat(standalone.node(1).arguments()).doesNotContain("--node-id", "--cluster-members", "--cluster-port")
                    .containsSequence("--host", "127.0.0.1");
        }
    }

    private void killedNodeRestartsWithItsData(TestCluster cluster) throws Exception {
        send(url(cluster, 2), "kept", "sent before SIGKILL");
        long oldPid = cluster.node(2).pid();

        cluster.kill(2);
        assertThat(cluster.node(2).isRunning()).isFalse();
        assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(cluster.bootstrapUrl()).as("the URL lists live brokers only")
                .isEqualTo("logjms://127.0.0.1:" + cluster.node(1).port() + ",127.0.0.1:" + cluster.node(3).port());

        cluster.restart(2);
        assertThat(cluster.node(2).pid()).isNotEqualTo(oldPid);
        assertThat(receive(url(cluster, 2), "kept")).as("what node 2 stored before SIGKILL, after its restart")
                .isEqualTo("sent before SIGKILL");
        assertThat(cluster.logTail(2, 1000)).contains("starting node 2").contains("listening on");
    }

    private void pausedNodeAnswersNoRequestUntilResumed(TestCluster cluster) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cluster.node(1).port())) {
            socket.setSoTimeout(REQUEST_TIMEOUT_MS);
            cluster.pause(1);
            assertThat(cluster.node(1).isPaused()).isTrue();
            socket.getOutputStream().write(handshake());
            assertThatThrownBy(() -> socket.getInputStream().read()).as("no answer from a paused broker")
                    .isInstanceOf(SocketTimeoutException.class);
            cluster.resume(1);
            socket.setSoTimeout(20_000);
            assertThat(new DataInputStream(socket.getInputStream()).readInt()).as("the answer after SIGCONT")
                    .isPositive();
        }
        assertThat(cluster.node(1).isPaused()).isFalse();
    }

    private static byte[] handshake() {
        return RawConnection.frame(ApiKey.HANDSHAKE.id(), FrameKind.REQUEST, 1,
                ProtocolClient.handshake(null, null, null)::writeTo);
    }

    private void aJmsSendThroughAPausedBrokerTimesOut(TestCluster cluster) throws Exception {
        try (Connection before = new LogJmsConnectionFactory(url(cluster, 3) + "?requestTimeout="
                + REQUEST_TIMEOUT_MS + "&reconnectTimeout=0").createConnection()) {
            Session session = before.createSession();
            Queue queue = session.createQueue("paused");
            var producer = session.createProducer(queue);
            cluster.pause(3);
            assertThat(cluster.node(3).isPaused()).isTrue();
            long start = System.nanoTime();
            assertThatThrownBy(() -> producer.send(session.createTextMessage("while paused")))
                    .isInstanceOf(JMSException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the send waited for its request timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(REQUEST_TIMEOUT_MS - 100));
            cluster.resume(3);
        }
        assertThat(cluster.node(3).isPaused()).isFalse();
        assertThat(roundTrip(url(cluster, 3), "after resume")).isEqualTo("after resume");
    }

    private static String url(TestCluster cluster, int id) {
        return "logjms://" + cluster.node(id).address();
    }

    private static String roundTrip(String url, String text) throws JMSException {
        String queue = "round-trip-" + Math.abs(text.hashCode());
        send(url, queue, text);
        return receive(url, queue);
    }

    private static void send(String url, String queueName, String text) throws JMSException {
        try (Connection c = new LogJmsConnectionFactory(url).createConnection()) {
            Session s = c.createSession();
            s.createProducer(s.createQueue(queueName)).send(s.createTextMessage(text));
        }
    }

    private static String receive(String url, String queueName) throws JMSException {
        try (Connection c = new LogJmsConnectionFactory(url).createConnection()) {
            Session s = c.createSession();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queueName));
            c.start();
            Message m = consumer.receive(10_000);
            return Optional.ofNullable(m).map(ClusterFixtureIT::text).orElse(null);
        }
    }

    private static String text(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
