package io.logjms.benchmarks.sidebyside;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings and summaries for the report tests. */
final class Fixtures {
    static final Metric RATE = Metrics.W1_ASYNC_RATE;
    static final Metric LATENCY = Metrics.latency(2000, Metrics.W3_PERCENTILES.get(1));

    private Fixtures() {
    }

    /** One run, 64-byte payloads, W3 at 1,000 msgs/s, an idle timeout of 5 s. */
    static BenchSettings settings(List<SystemKind> systems, List<Workload> workloads, int messages, Duration w3) {
        return settings(systems, workloads, messages, w3, Duration.ofSeconds(5));
    }

    static BenchSettings settings(List<SystemKind> systems, List<Workload> workloads, int messages, Duration w3,
            Duration idleTimeout) {
        return new BenchSettings(systems, workloads, messages, Math.max(1, messages / 10), 1, 64, List.of(1000),
                w3, idleTimeout, List.of("-Xmx256m"), Path.of("out"), Path.of("work"));
    }

    /**
     * logjms, Artemis and Kafka (page cache) over three runs: logjms publishes 20,000 msgs/s against
     * 10,000 and 40,000, with a p99 of 2 ms against 4 and 1 ms.
     */
    static Summary threeSystems() {
        List<SystemKind> systems = List.of(SystemKind.LOGJMS, SystemKind.ARTEMIS, SystemKind.KAFKA);
        List<Measurement> ms = new ArrayList<>();
        double[][] rates = {{19_000, 20_000, 21_000}, {9_000, 10_000, 12_000}, {40_000, 39_000, 41_000}};
        double[][] latencies = {{2, 2, 3}, {4, 5, 4}, {1, 1, 1}};
        for (int s = 0; s < systems.size(); s++) {
            for (int run = 1; run <= 3; run++) {
                ms.add(Measurement.of(systems.get(s), RATE, run, rates[s][run - 1]));
                ms.add(Measurement.of(systems.get(s), LATENCY, run, latencies[s][run - 1]));
            }
        }
        return Summary.of(List.of(RATE, LATENCY), systems, ms);
    }
}
