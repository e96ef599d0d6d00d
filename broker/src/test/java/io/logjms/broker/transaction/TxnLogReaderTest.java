package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.TransactionId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a transaction-log partition from its files: backwards to the last checkpoint, and onwards from one. */
class TxnLogReaderTest {
    private static final TransactionId A = new TransactionId(1, 1);
    private static final TransactionId B = new TransactionId(1, 2);

    private static final List<TxnLogEntry> ENTRIES = List.of(
            new TxnLogEntry.Abort(A),                                            // 0
            new TxnLogEntry.Complete(A, List.of(new ProduceResponse(5, 5, 1))), // 1
            new TxnLogEntry.Checkpoint(0),                                       // 2
            new TxnLogEntry.Abort(B),                                            // 3
            new TxnLogEntry.Checkpoint(3),                                       // 4
            new TxnLogEntry.Complete(B, List.of()),                              // 5
            new TxnLogEntry.Abort(A));                                           // 6

    /** Small segments, so the entries spread over several and the last ones hold no checkpoint. */
    private static PartitionLog logOf(Path dir) throws Exception {
        PartitionLog log = PartitionLog.open(dir, new TopicPartition("__logjms.transactions", 0), LogConfig.builder()
                .segmentBytes(200).build(), Clock.systemUTC());
        for (TxnLogEntry e : ENTRIES) {
            log.append(TxnLogEntry.toBatch(e, 1L));
        }
        assertThat(log.segments()).as("spread over segments").hasSizeGreaterThan(3);
        return log;
    }

    @Test
    void findsTheLastCommittedCheckpointInAnEarlierSegment(@TempDir Path dir) throws Exception {
        try (PartitionLog log = logOf(dir)) {
            assertThat(TxnLogReader.lastCheckpoint(log, 7)).contains(new TxnLogEntry.Checkpoint(3));
            assertThat(TxnLogReader.lastCheckpoint(log, 4)).as("the later one is not committed yet")
                    .contains(new TxnLogEntry.Checkpoint(0));
            assertThat(TxnLogReader.lastCheckpoint(log, 2)).isEmpty();
        }
    }

    @Test
    void readsTheCommittedEntriesFromAnOffsetWithTheirOffsets(@TempDir Path dir) throws Exception {
        try (PartitionLog log = logOf(dir)) {
            List<Long> offsets = new ArrayList<>();
            List<TxnLogEntry> read = new ArrayList<>();
            long count = TxnLogReader.read(log, 3, 6, (entry, offset) -> {
                read.add(entry);
                offsets.add(offset);
            });
            assertThat(count).isEqualTo(3);
            assertThat(offsets).containsExactly(3L, 4L, 5L);
            assertThat(read).containsExactlyElementsOf(ENTRIES.subList(3, 6));
        }
    }
}
