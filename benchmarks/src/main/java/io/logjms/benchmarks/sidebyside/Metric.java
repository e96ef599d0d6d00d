package io.logjms.benchmarks.sidebyside;

/**
 * One figure a workload produces for each system, such as "W1 async send, msgs/s".
 *
 * @param id stable key used in the CSV and JSON files, e.g. {@code W3.2000.p99}
 * @param workload the workload that measures it
 * @param label what the tables and charts call it
 * @param unit unit of the values
 * @param higherIsBetter whether a larger value is the better one (throughput) or not (latency, time)
 */
public record Metric(String id, Workload workload, String label, String unit, boolean higherIsBetter) {
    /** A throughput-like figure: more is better. */
    static Metric higher(String id, Workload workload, String label, String unit) {
        return new Metric(id, workload, label, unit, true);
    }

    /** A latency-like figure: less is better. */
    static Metric lower(String id, Workload workload, String label, String unit) {
        return new Metric(id, workload, label, unit, false);
    }
}
