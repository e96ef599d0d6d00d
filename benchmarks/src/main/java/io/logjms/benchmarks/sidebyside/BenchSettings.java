package io.logjms.benchmarks.sidebyside;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run was asked to do.
 *
 * @param systems systems to measure, interleaved in this order within each run
 * @param workloads workloads to run on each system
 * @param messages N: messages per throughput workload (W1 async, W2, W4, W5)
 * @param syncMessages messages for W1's synchronous sends (one round trip and fsync each)
 * @param runs how many times each system is measured
 * @param payloadBytes body size of each message (random bytes)
 * @param rates W3's fixed rates in messages per second
 * @param fixedRateDuration how long W3 sends at each rate
 * @param idleTimeout how long a workload waits without progress before it gives up
 * @param brokerJvmOptions JVM options of every broker process (the same for all systems)
 * @param outDir where the reports go
 * @param workDir where the brokers' temporary data directories are made
 */
public record BenchSettings(List<SystemKind> systems, List<Workload> workloads, int messages, int syncMessages,
        int runs, int payloadBytes, List<Integer> rates, Duration fixedRateDuration, Duration idleTimeout,
        List<String> brokerJvmOptions, Path outDir, Path workDir) {
    public BenchSettings {
        systems = List.copyOf(systems);
        workloads = List.copyOf(workloads);
        rates = List.copyOf(rates);
        brokerJvmOptions = List.copyOf(brokerJvmOptions);
        requirePositive(messages, "messages");
        requirePositive(syncMessages, "sync messages");
        requirePositive(runs, "runs");
        if (payloadBytes < Long.BYTES) {
            throw new IllegalArgumentException("payload must be at least " + Long.BYTES
                    + " bytes (W3 carries its send time in the first 8), got " + payloadBytes);
        }
        for (int rate : rates) {
            requirePositive(rate, "rate");
        }
        if (fixedRateDuration.isNegative() || fixedRateDuration.isZero()) {
            throw new IllegalArgumentException("W3 duration must be positive, got " + fixedRateDuration);
        }
    }

    private static void requirePositive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    /** The metrics these settings produce, in display order. */
    public List<Metric> metrics() {
        return Metrics.forWorkloads(workloads, rates);
    }

    /** The settings as a JSON-ready map, for {@code results.json}. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("systems", systems.stream().map(SystemKind::id).toList());
        map.put("workloads", workloads.stream().map(Workload::name).toList());
        map.put("messages", messages);
        map.put("syncMessages", syncMessages);
        map.put("runs", runs);
        map.put("payloadBytes", payloadBytes);
        map.put("w3Rates", rates);
        map.put("w3DurationSeconds", fixedRateDuration.toMillis() / 1000.0);
        map.put("brokerJvmOptions", brokerJvmOptions);
        return map;
    }
}
