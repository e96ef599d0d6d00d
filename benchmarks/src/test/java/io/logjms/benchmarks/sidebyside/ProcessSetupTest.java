package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the broker processes are launched and recognised as ready, without starting any. */
class ProcessSetupTest {
    private final Path dir = Path.of("/tmp/data");

    @Test
    void eachSystemHasItsOwnMainAndReadyLine() {
        assertThat(BrokerLauncher.mainAndArguments(SystemKind.LOGJMS, dir, null)).containsExactly(
                ParentWatchingMain.class.getName(), "io.logjms.broker.BrokerMain", "--host", "127.0.0.1", "--port", "0",
                "--http-port", "0", "--data-dir", "/tmp/data");
        assertThat(BrokerLauncher.mainAndArguments(SystemKind.ARTEMIS, dir, null)).containsExactly(
                ArtemisServerMain.class.getName(), "--data-dir", "/tmp/data");
        assertThat(BrokerLauncher.mainAndArguments(SystemKind.KAFKA, dir, null)).containsExactly(
                KafkaServerMain.class.getName(), "--data-dir", "/tmp/data");
        assertThat(BrokerLauncher.mainAndArguments(SystemKind.KAFKA_FSYNC, dir, null)).endsWith("--fsync-every-message");
        assertThat(BrokerLauncher.readyPrefix(SystemKind.LOGJMS)).isEqualTo("logjms broker listening on ");
    }

    @Test
    void logjmsOverTlsIsTheSameBrokerWithTheTlsConfigurationFile() {
        assertThat(BrokerLauncher.mainAndArguments(SystemKind.LOGJMS_TLS, dir, Path.of("/tmp/tls/broker.properties")))
                .containsExactly(ParentWatchingMain.class.getName(), "io.logjms.broker.BrokerMain",
                        "--config", "/tmp/tls/broker.properties", "--host", "127.0.0.1", "--port", "0", "--http-port", "0",
                        "--data-dir", "/tmp/data");
        assertThat(BrokerLauncher.readyPrefix(SystemKind.LOGJMS_TLS)).isEqualTo("logjms broker listening on ");
    }

    @Test
    void theAddressIsReadFromTheStartOfTheReadyLinesRemainder() {
        assertThat(BrokerProcess.parseAddress("127.0.0.1:41234 (data in /tmp/x:1)"))
                .isEqualTo(new BrokerProcess.HostPort("127.0.0.1", 41234));
        assertThat(BrokerProcess.parseAddress("127.0.0.1:9092")).isEqualTo(new BrokerProcess.HostPort("127.0.0.1", 9092));
        assertThatThrownBy(() -> BrokerProcess.parseAddress("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kafkaIsOneCombinedNodeWithReplicationFactorOne() {
        Properties props = KafkaServerMain.properties(dir, 9092, 9093, false);

        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(props.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(props.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(props.getProperty("log.dirs")).isEqualTo("/tmp/data/kafka-logs");
        assertThat(props).doesNotContainKey("log.flush.interval.messages");
    }

    @Test
    void theFsyncKafkaFlushesEveryMessage() {
        assertThat(KafkaServerMain.properties(dir, 1, 2, true).getProperty("log.flush.interval.messages")).isEqualTo("1");
    }

    @Test
    void aKafkaClusterNodeIsACombinedVoterOfTheWholeQuorumWithReplicationFactorThreeAndMinInsyncTwo() {
        Properties props = KafkaServerMain.clusterNodeProperties(dir, 2, 9192, 9193,
                "1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293", false);

        assertThat(props.getProperty("node.id")).isEqualTo("2");
        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293");
        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193");
        assertThat(props.getProperty("default.replication.factor")).isEqualTo("3");
        assertThat(props.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(props.getProperty("offsets.topic.replication.factor")).isEqualTo("3");
        assertThat(props.getProperty("transaction.state.log.min.isr")).isEqualTo("2");
        assertThatThrownBy(() -> KafkaServerMain.clusterNodeProperties(dir, 1, 1, 2, "1@127.0.0.1:2", false))
                .hasMessageContaining("at least 3 voters");
    }

    @Test
    void clusterNodesShareOneQuorumOrMemberListAndEachHasItsOwnPorts() {
        BrokerLauncher.ClusterPlan plan = new BrokerLauncher.ClusterPlan(List.of(9092, 9192, 9292),
                List.of(9093, 9193, 9293), "cluster-id");

        assertThat(BrokerLauncher.clusterNodeArguments(SystemKind.KAFKA_FSYNC, dir, 3, plan)).containsExactly(
                KafkaServerMain.class.getName(), "--data-dir", "/tmp/data", "--node-id", "3",
                "--voters", "1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293", "--broker-port", "9292",
                "--controller-port", "9293", "--cluster-id", "cluster-id", "--fsync-every-message");
        assertThat(BrokerLauncher.clusterNodeArguments(SystemKind.LOGJMS, dir, 2, plan)).containsExactly(
                ParentWatchingMain.class.getName(), "io.logjms.broker.BrokerMain", "--host", "127.0.0.1", "--port", "0",
                "--http-port", "-1", "--data-dir", "/tmp/data", "--node-id", "2",
                "--cluster-members", "127.0.0.1:9093,127.0.0.1:9193,127.0.0.1:9293", "--cluster-port", "9193");
        assertThat(BrokerLauncher.ClusterPlan.pick(3).coordinationPorts()).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void w6SaysWhyASystemHasNoCluster() throws Exception {
        BrokerLauncher.requireCluster(SystemKind.KAFKA, false);
        BrokerLauncher.requireCluster(SystemKind.LOGJMS, true);
        assertThatThrownBy(() -> BrokerLauncher.requireCluster(SystemKind.LOGJMS, false))
                .isInstanceOf(UnsupportedWorkloadException.class).hasMessageStartingWith("needs cluster:");
        assertThatThrownBy(() -> BrokerLauncher.requireCluster(SystemKind.ARTEMIS, true))
                .isInstanceOf(UnsupportedWorkloadException.class).hasMessageContaining("compares logjms with Kafka");
        assertThat(Workload.W6.brokers()).isEqualTo(3);
        assertThat(Workload.parseList("w6,W1")).containsExactly(Workload.W1, Workload.W6);
    }

    @Test
    void theFixedRateScheduleSpreadsMessagesEvenly() {
        assertThat(FixedRateWorkload.scheduledNanos(1_000, 0, 2000)).isEqualTo(1_000);
        assertThat(FixedRateWorkload.scheduledNanos(1_000, 3, 2000)).isEqualTo(1_000 + 1_500_000);
        assertThat(FixedRateWorkload.scheduledNanos(0, 10_000, 10_000)).isEqualTo(1_000_000_000L);
        assertThat(FixedRateWorkload.messagesFor(Duration.ofSeconds(20), 2000)).isEqualTo(40_000);
        assertThat(FixedRateWorkload.messagesFor(Duration.ofMillis(1), 10)).isEqualTo(1);
    }
}
