package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertThat(CsvReport.field("plain")).isEqualTo("plain");
        assertThat(CsvReport.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReport.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReport.field("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void measurementsHaveOneLinePerRunWithEmptyValuesForMissingOnes() {
        List<Measurement> ms = List.of(
                Measurement.of(SystemKind.KAFKA, Metrics.W5_AGGREGATE, 1, 57319.5),
                Measurement.missing(SystemKind.KAFKA, Metrics.W5_AGGREGATE, 2, "failed: timeout, after 3 of 4"));
        Summary summary = Summary.of(List.of(Metrics.W5_AGGREGATE), List.of(SystemKind.KAFKA), ms);

        String csv = CsvReport.measurements(summary);

        assertThat(csv.split("\r\n")).containsExactly(
                "run,system,metric,workload,label,unit,value,note",
                "1,kafka,W5.aggregate.msgs,W5,\"W5 fan-out to 4, aggregate\",msgs/s,57319.5,",
                "2,kafka,W5.aggregate.msgs,W5,\"W5 fan-out to 4, aggregate\",msgs/s,,\"failed: timeout, after 3 of 4\"");
    }

    @Test
    void summaryLinesCarryMedianRangeAndDurability() {
        String csv = CsvReport.summary(Fixtures.threeSystems());

        assertThat(csv.split("\r\n")).contains(
                "metric,workload,label,unit,higher_is_better,system,durable_against_power_loss,runs,measured_runs,"
                        + "median,min,max,notes",
                "W1.async.msgs,W1,W1 async send,msgs/s,true,kafka,false,3,3,40000,39000,41000,");
    }

    @Test
    void ratiosListEveryComparableMetricAndReference() {
        String csv = CsvReport.ratios(Fixtures.threeSystems());

        assertThat(csv.split("\r\n")).containsExactly(
                "metric,label,unit,reference,ratio,favours_logjms",
                "W1.async.msgs,W1 async send,msgs/s,artemis,2,true",
                "W1.async.msgs,W1 async send,msgs/s,kafka,0.5,false",
                "W3.2000.p99,W3 @2000/s latency p99,ms,artemis,0.5,true",
                "W3.2000.p99,W3 @2000/s latency p99,ms,kafka,2,false");
    }
}
