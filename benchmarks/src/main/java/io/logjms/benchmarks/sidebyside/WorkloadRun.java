package io.logjms.benchmarks.sidebyside;

import java.util.List;

/** One workload, run once on one system; failures become missing measurements, never exceptions. */
interface WorkloadRun {
    List<Measurement> run(WorkloadContext ctx);

    /** The implementation of a workload. */
    static WorkloadRun of(Workload workload) {
        return switch (workload) {
            case W1 -> new PublishWorkload();
            case W2 -> new DrainWorkload();
            case W3 -> new FixedRateWorkload();
            case W4 -> new HistoryWorkload();
            case W5 -> new FanOutWorkload();
            case W6 -> new ReplicatedPublishWorkload();
        };
    }
}
