package io.logjms.broker.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The replication's decisions under random elections, message drops and reordering, crashes and restarts
 * ({@link ReplicationSimulation}); modelled on Kafka raft's {@code RaftEventSimulationTest}. A failure names
 * its seed and the last events; rerun the simulation with that seed to replay it exactly.
 */
class ReplicationSimulationTest {

    @Property(tries = 10)
    void threeReplicasKeepEveryCommittedRecord(@ForAll long seed) throws IOException {
        simulate(seed, 3, 400, 250);
    }

    @Property(tries = 4)
    void fiveReplicasKeepEveryCommittedRecord(@ForAll long seed) throws IOException {
        simulate(seed, 5, 400, 300);
    }

    private static void simulate(long seed, int replicas, int chaos, int calm) throws IOException {
        Path root = Files.createTempDirectory("replication-sim");
        ReplicationSimulation sim = new ReplicationSimulation(seed, root, replicas);
        try {
            sim.run(chaos, calm);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulation with seed " + seed + " (" + replicas + " replicas) failed: "
                    + e.getMessage() + "\nlast events:\n  " + String.join("\n  ", sim.trace()), e);
        } finally {
            sim.close();
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
