package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;

/** The catalogue of metrics: their ids and labels, and which ones a set of settings produces. */
public final class Metrics {
    public static final String MSGS = "msgs/s";
    public static final String MB = "MB/s";
    public static final String MS = "ms";
    public static final String SECONDS = "s";

    public static final Metric W1_SYNC_RATE = Metric.higher("W1.sync.msgs", Workload.W1, "W1 sync send", MSGS);
    public static final Metric W1_SYNC_BYTES = Metric.higher("W1.sync.MBps", Workload.W1, "W1 sync send", MB);
    public static final Metric W1_ASYNC_RATE = Metric.higher("W1.async.msgs", Workload.W1, "W1 async send", MSGS);
    public static final Metric W1_ASYNC_BYTES = Metric.higher("W1.async.MBps", Workload.W1, "W1 async send", MB);
    public static final Metric W2_AUTO = Metric.higher("W2.auto.msgs", Workload.W2, "W2 drain AUTO_ACKNOWLEDGE", MSGS);
    public static final Metric W2_DUPS_OK = Metric.higher("W2.dupsok.msgs", Workload.W2, "W2 drain DUPS_OK", MSGS);
    public static final Metric W4_SECONDS = Metric.lower("W4.seconds", Workload.W4, "W4 history read", SECONDS);
    public static final Metric W4_RATE = Metric.higher("W4.msgs", Workload.W4, "W4 history read", MSGS);
    public static final Metric W4_FIRST = Metric.lower("W4.first.ms", Workload.W4, "W4 time to first message", MS);
    public static final Metric W5_AGGREGATE = Metric.higher("W5.aggregate.msgs", Workload.W5,
            "W5 fan-out to 4, aggregate", MSGS);
    public static final Metric W6_RATE = Metric.higher("W6.async.msgs", Workload.W6,
            "W6 replicated publish (3 brokers, RF 3)", MSGS);
    public static final Metric W6_BYTES = Metric.higher("W6.async.MBps", Workload.W6,
            "W6 replicated publish (3 brokers, RF 3)", MB);

    /** The latency percentiles W3 reports, with the names used in ids and labels. */
    public static final List<Percentile> W3_PERCENTILES = List.of(
            new Percentile(50.0, "p50"), new Percentile(99.0, "p99"), new Percentile(99.9, "p99.9"));

    private Metrics() {
    }

    /** A latency percentile: {@code percent} in HdrHistogram's sense, {@code name} as printed. */
    public record Percentile(double percent, String name) {
    }

    /** The W3 latency metric for one rate and percentile. */
    public static Metric latency(int rate, Percentile percentile) {
        return Metric.lower("W3." + rate + "." + percentile.name(), Workload.W3,
                "W3 @" + rate + "/s latency " + percentile.name(), MS);
    }

    /** The metrics the given workloads produce, in display order. */
    public static List<Metric> forWorkloads(List<Workload> workloads, List<Integer> rates) {
        List<Metric> metrics = new ArrayList<>();
        for (Workload workload : workloads) {
            switch (workload) {
                case W1 -> metrics.addAll(List.of(W1_SYNC_RATE, W1_SYNC_BYTES, W1_ASYNC_RATE, W1_ASYNC_BYTES));
                case W2 -> metrics.addAll(List.of(W2_AUTO, W2_DUPS_OK));
                case W3 -> {
                    for (int rate : rates) {
                        for (Percentile p : W3_PERCENTILES) {
                            metrics.add(latency(rate, p));
                        }
                    }
                }
                case W4 -> metrics.addAll(List.of(W4_SECONDS, W4_RATE, W4_FIRST));
                case W5 -> metrics.add(W5_AGGREGATE);
                case W6 -> metrics.addAll(List.of(W6_RATE, W6_BYTES));
            }
        }
        return metrics;
    }
}
