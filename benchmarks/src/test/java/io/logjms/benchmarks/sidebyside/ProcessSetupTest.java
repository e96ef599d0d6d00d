package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
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
    void theFixedRateScheduleSpreadsMessagesEvenly() {
        assertThat(FixedRateWorkload.scheduledNanos(1_000, 0, 2000)).isEqualTo(1_000);
        assertThat(FixedRateWorkload.scheduledNanos(1_000, 3, 2000)).isEqualTo(1_000 + 1_500_000);
        assertThat(FixedRateWorkload.scheduledNanos(0, 10_000, 10_000)).isEqualTo(1_000_000_000L);
        assertThat(FixedRateWorkload.messagesFor(Duration.ofSeconds(20), 2000)).isEqualTo(40_000);
        assertThat(FixedRateWorkload.messagesFor(Duration.ofMillis(1), 10)).isEqualTo(1);
    }
}
