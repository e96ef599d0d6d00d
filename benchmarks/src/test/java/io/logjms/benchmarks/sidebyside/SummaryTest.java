package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void rowsHoldTheMedianAndRangeOfEachSystem() {
        Summary summary = Fixtures.threeSystems();

        SummaryRow artemis = summary.row(Fixtures.RATE, SystemKind.ARTEMIS);
        assertThat(artemis.statistics()).contains(new Statistics(3, 10_000, 9_000, 12_000));
        assertThat(artemis.runs()).isEqualTo(3);
        assertThat(summary.rows()).hasSize(2 * 3);
    }

    @Test
    void ratiosDivideTheLogjmsMedianByTheReferenceMedian() {
        Summary summary = Fixtures.threeSystems();

        assertThat(summary.ratio(Fixtures.RATE, SystemKind.ARTEMIS).getAsDouble()).isCloseTo(2.0, within(1e-9));
        assertThat(summary.ratio(Fixtures.RATE, SystemKind.KAFKA).getAsDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(summary.ratio(Fixtures.LATENCY, SystemKind.ARTEMIS).getAsDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(summary.ratio(Fixtures.RATE, SystemKind.KAFKA_FSYNC)).isEmpty();
        assertThat(summary.comparedReferences()).containsExactly(SystemKind.ARTEMIS, SystemKind.KAFKA);
    }

    @Test
    void whetherARatioFavoursLogjmsDependsOnTheMetricsDirection() {
        assertThat(Summary.favoursLogjms(Fixtures.RATE, 2.0)).isTrue();
        assertThat(Summary.favoursLogjms(Fixtures.RATE, 0.5)).isFalse();
        assertThat(Summary.favoursLogjms(Fixtures.LATENCY, 0.5)).isTrue();
        assertThat(Summary.favoursLogjms(Fixtures.LATENCY, 2.0)).isFalse();
    }

    @Test
    void missingRunsCountAsRunsButNotAsValuesAndTheirNotesAreKeptOnce() {
        List<Measurement> ms = List.of(
                Measurement.of(SystemKind.ARTEMIS, Metrics.W4_RATE, 1, 100, "queue browser"),
                Measurement.missing(SystemKind.ARTEMIS, Metrics.W4_RATE, 2, "failed: timeout"),
                Measurement.of(SystemKind.ARTEMIS, Metrics.W4_RATE, 3, 300, "queue browser"));

        Summary summary = Summary.of(List.of(Metrics.W4_RATE), List.of(SystemKind.ARTEMIS), ms);
        SummaryRow row = summary.row(Metrics.W4_RATE, SystemKind.ARTEMIS);

        assertThat(row.runs()).isEqualTo(3);
        assertThat(row.statistics()).contains(new Statistics(2, 200, 100, 300));
        assertThat(row.notes()).containsExactly("queue browser", "failed: timeout");
    }

    @Test
    void noValueAtAllGivesNoStatisticsAndNoRatio() {
        List<Measurement> ms = List.of(
                Measurement.of(SystemKind.LOGJMS, Metrics.W4_RATE, 1, 100),
                Measurement.missing(SystemKind.ARTEMIS, Metrics.W4_RATE, 1, "impossible: no topic history"));

        Summary summary = Summary.of(List.of(Metrics.W4_RATE), List.of(SystemKind.LOGJMS, SystemKind.ARTEMIS), ms);

        assertThat(summary.row(Metrics.W4_RATE, SystemKind.ARTEMIS).statistics()).isEmpty();
        assertThat(summary.ratio(Metrics.W4_RATE, SystemKind.ARTEMIS)).isEmpty();
    }

    @Test
    void aZeroReferenceGivesNoRatio() {
        List<Measurement> ms = List.of(
                Measurement.of(SystemKind.LOGJMS, Metrics.W4_FIRST, 1, 3),
                Measurement.of(SystemKind.KAFKA, Metrics.W4_FIRST, 1, 0));

        Summary summary = Summary.of(List.of(Metrics.W4_FIRST), List.of(SystemKind.LOGJMS, SystemKind.KAFKA), ms);

        assertThat(summary.ratio(Metrics.W4_FIRST, SystemKind.KAFKA)).isEmpty();
    }
}
