package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.LogManager;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.testing.TestCluster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Every replica's copy of a partition read from its (stopped) broker's data directory with the broker's own log
 * code, batch by batch from offset 0: replicas that agree hold byte-identical batches (followers append the
 * leader's batches as they are, leader epochs included).
 */
final class ReplicaLogs {
    private ReplicaLogs() {
    }

    /**
     * The messages a partition holds: its records without the control batches (the epoch-start markers each
     * leader of a cluster writes first, which readers skip).
     */
    static long messages(Partition partition) {
        long messages = 0;
        long offset = 0;
        while (offset < partition.logEndOffset()) {
            for (ByteBuffer batch : partition.log().readBatches(offset, 1 << 20, partition.logEndOffset())) {
                RecordBatch header = RecordBatch.of(batch.duplicate());
                offset = header.lastOffset() + 1;
                messages += header.isControl() ? 0 : header.recordCount();
            }
        }
        return messages;
    }

    /** The partition's batches in node {@code id}'s data directory, each as its offsets and the hex of its bytes. */
    static List<String> batches(TestCluster cluster, int id, String topic, int partition) throws IOException {
        TopicPartition tp = new TopicPartition("topic." + topic, partition);
        try (LogManager logs = new LogManager(cluster.node(id).dataDir().resolve("logs"), LogConfig.defaults(),
                Clock.systemUTC())) {
            logs.startup();
            PartitionLog log = logs.get(tp).orElseThrow(() -> new AssertionError("node " + id + " has no log of "
                    + tp + ", it has " + logs.partitions()));
            assertThat(log.logStartOffset()).as("node %d keeps its copy from offset 0", id).isZero();
            List<String> batches = new ArrayList<>();
            long offset = 0;
            while (offset < log.logEndOffset()) {
                List<ByteBuffer> read = log.readBatches(offset, 1 << 20);
                assertThat(read).as("node %d's batches from offset %d", id, offset).isNotEmpty();
                for (ByteBuffer batch : read) {
                    RecordBatch header = RecordBatch.of(batch.duplicate());
                    offset = header.lastOffset() + 1;
                    byte[] bytes = new byte[batch.remaining()];
                    batch.duplicate().get(bytes);
                    batches.add("[" + header.baseOffset() + ".." + header.lastOffset() + "] "
                            + HexFormat.of().formatHex(bytes));
                }
            }
            return batches;
        }
    }

    private static String abbreviated(List<String> batches) {
        String last = batches.isEmpty() ? "none" : batches.get(batches.size() - 1);
        return last.length() > 120 ? last.substring(0, 120) + "..." : last;
    }

    /** Asserts that every node's copy of the partition holds the same, non-empty, batches. */
    static void assertIdentical(TestCluster cluster, String topic, int partition) throws IOException {
        List<String> first = batches(cluster, 1, topic, partition);
        assertThat(first).as("node 1's copy").isNotEmpty();
        for (int id = 2; id <= cluster.size(); id++) {
            List<String> other = batches(cluster, id, topic, partition);
            for (int i = 0; i < Math.min(first.size(), other.size()); i++) {
                assertThat(other.get(i)).as("batch %d of node %d against node 1", i, id).isEqualTo(first.get(i));
            }
            assertThat(other.size()).as("batches of node %d against node 1 (last: %s against %s)", id,
                    abbreviated(other), abbreviated(first)).isEqualTo(first.size());
        }
    }
}
