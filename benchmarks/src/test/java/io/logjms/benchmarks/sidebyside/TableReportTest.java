package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportTest {

    @Test
    void eachMetricIsARowWithMedianRangeAndRatios() {
        String table = TableReport.render(Fixtures.threeSystems());

        assertThat(table).contains("| metric | unit | better | logjms | Artemis | Kafka (page cache) (not durable*) "
                + "| logjms/Artemis | logjms/Kafka (page cache) |");
        assertThat(table).contains("| W1 async send | msgs/s | higher | 20,000 (19,000–21,000) | 10,000 (9,000–12,000) "
                + "| 40,000 (39,000–41,000) | 2.00× | 0.50× |");
        assertThat(table).contains("| W3 @2000/s latency p99 | ms | lower | 2.00 (2.00–3.00) | 4.00 (4.00–5.00) "
                + "| 1.00 (1.00–1.00) | 0.50× | 2.00× |");
    }

    @Test
    void theLegendSaysWhichSystemsAreDurableAgainstPowerLoss() {
        String table = TableReport.render(Fixtures.threeSystems());

        assertThat(table).contains("logjms yes, Artemis yes, Kafka (page cache) NO*")
                .contains("* acknowledged once in the page cache");
    }

    @Test
    void notesBecomeNumberedFootnotesSharedByTheirWorkload() {
        List<Measurement> ms = List.of(
                Measurement.of(SystemKind.ARTEMIS, Metrics.W4_SECONDS, 1, 2, "figure: queue browser"),
                Measurement.of(SystemKind.ARTEMIS, Metrics.W4_RATE, 1, 50_000, "figure: queue browser"),
                Measurement.missing(SystemKind.KAFKA, Metrics.W4_RATE, 1, "failed: broker died"));
        Summary summary = Summary.of(List.of(Metrics.W4_SECONDS, Metrics.W4_RATE),
                List.of(SystemKind.ARTEMIS, SystemKind.KAFKA), ms);

        String table = TableReport.render(summary);

        assertThat(table).contains("| 2.00 [1] |").contains("| 50,000 [1] | n/a [2] |")
                .contains("[1] Artemis, W4: figure: queue browser")
                .contains("[2] Kafka (page cache), W4: failed: broker died")
                .contains("No ratios: logjms was not among the systems measured.");
    }

    @Test
    void aSingleRunShowsNoRangeAndPartialRunsAreCounted() {
        List<Measurement> ms = List.of(
                Measurement.of(SystemKind.LOGJMS, Fixtures.RATE, 1, 5_000),
                Measurement.of(SystemKind.ARTEMIS, Fixtures.RATE, 1, 1_000),
                Measurement.missing(SystemKind.ARTEMIS, Fixtures.RATE, 2, "failed: x"),
                Measurement.of(SystemKind.ARTEMIS, Fixtures.RATE, 3, 3_000));
        Summary summary = Summary.of(List.of(Fixtures.RATE), List.of(SystemKind.LOGJMS, SystemKind.ARTEMIS), ms);

        String table = TableReport.render(summary);

        assertThat(table).contains("| 5,000 | 2,000 (1,000–3,000) 2/3 runs [1] | 2.50× |");
    }
}
