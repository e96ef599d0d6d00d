package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionParsingTest {

    @Test
    void kafkaStandsForBothFlushPolicies() {
        assertThat(SystemKind.parseList("logjms,artemis,kafka")).containsExactly(SystemKind.LOGJMS,
                SystemKind.ARTEMIS, SystemKind.KAFKA, SystemKind.KAFKA_FSYNC);
    }

    @Test
    void systemsKeepTheInterleavingOrderWhateverTheOrderGiven() {
        assertThat(SystemKind.parseList(" Kafka-Fsync , artemis,artemis")).containsExactly(SystemKind.ARTEMIS,
                SystemKind.KAFKA_FSYNC);
        assertThat(SystemKind.parseList("kafka-pagecache")).containsExactly(SystemKind.KAFKA);
    }

    @Test
    void unknownOrEmptySystemsAreRejected() {
        assertThatThrownBy(() -> SystemKind.parseList("logjms,rabbitmq")).hasMessageContaining("rabbitmq");
        assertThatThrownBy(() -> SystemKind.parseList(" , ")).hasMessageContaining("no system");
    }

    @Test
    void logjmsOverTlsIsASystemOfItsOwnRightAfterPlainLogjms() {
        assertThat(SystemKind.parseList("artemis, LOGJMS-TLS,logjms")).containsExactly(SystemKind.LOGJMS,
                SystemKind.LOGJMS_TLS, SystemKind.ARTEMIS);
        assertThat(SystemKind.parseList("logjms-tls")).containsExactly(SystemKind.LOGJMS_TLS);
        assertThat(SystemKind.references()).first().isEqualTo(SystemKind.LOGJMS_TLS);
        assertThatThrownBy(() -> SystemKind.parseList("logjms-ssl")).hasMessageContaining("logjms-ssl")
                .hasMessageContaining("logjms-tls");
    }

    @Test
    void onlyThePageCacheKafkaIsNotDurable() {
        assertThat(List.of(SystemKind.values())).filteredOn(s -> !s.durableAgainstPowerLoss())
                .containsExactly(SystemKind.KAFKA);
    }

    @Test
    void workloadsParseCaseInsensitivelyInOrder() {
        assertThat(Workload.parseList("w3,W1")).containsExactly(Workload.W1, Workload.W3);
        assertThatThrownBy(() -> Workload.parseList("W7")).hasMessageContaining("W7").hasMessageContaining("W1 to W6");
    }

    @Test
    void metricsFollowTheWorkloadsAndRates() {
        List<Metric> metrics = Metrics.forWorkloads(List.of(Workload.W3, Workload.W5), List.of(100, 500));

        assertThat(metrics).extracting(Metric::id).containsExactly(
                "W3.100.p50", "W3.100.p99", "W3.100.p99.9", "W3.500.p50", "W3.500.p99", "W3.500.p99.9",
                "W5.aggregate.msgs");
        assertThat(metrics.get(0).higherIsBetter()).isFalse();
        assertThat(metrics.get(6).higherIsBetter()).isTrue();
    }

    @Test
    void everyMetricIdIsUnique() {
        List<Metric> all = Metrics.forWorkloads(List.of(Workload.values()), List.of(2000, 10000));

        assertThat(all).extracting(Metric::id).doesNotHaveDuplicates();
    }
}
