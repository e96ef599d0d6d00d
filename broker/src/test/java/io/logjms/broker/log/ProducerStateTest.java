package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The producer state checked on append: duplicates, gaps, fencing, the window of remembered batches. */
class ProducerStateTest {
    private static final TopicPartition TP = new TopicPartition("idem", 3);
    private static final long P = 77L;
    private final Path dir = TestBatches.tempDir();
    private final LogConfig config = LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).build();

    @AfterEach
    void cleanUp() {
        TestBatches.deleteRecursively(dir);
    }

    static ByteBuffer batch(long producerId, int epoch, int baseSequence, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < records; i++) {
            builder.append(1_000 + baseSequence + i, null, null, ("r" + (baseSequence + i)).getBytes());
        }
        return builder.producer(producerId, (short) epoch, baseSequence).build();
    }

    private PartitionLog open() throws IOException {
        return PartitionLog.open(dir, TP, config, new ManualClock(0));
    }

    @Test
    void aResentBatchIsNotWrittenAgainAndGetsTheOffsetsOfTheOriginal() throws IOException {
        try (PartitionLog log = open()) {
            log.append(TestBatches.batch(2, 10, 5));
            AppendResult first = log.append(batch(P, 0, 0, 3));
            AppendResult again = log.append(batch(P, 0, 0, 3));
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.baseOffset()).isEqualTo(first.baseOffset()).isEqualTo(2);
            assertThat(again.lastOffset()).isEqualTo(first.lastOffset()).isEqualTo(4);
            assertThat(log.logEndOffset()).as("one copy only").isEqualTo(5);
        }
    }

    @Test
    void aGapIsRefusedWithAnErrorNamingBothSequencesTheProducerAndThePartition() throws IOException {
        try (PartitionLog log = open()) {
            log.append(batch(P, 0, 0, 2));
            assertThatThrownBy(() -> log.append(batch(P, 0, 5, 1)))
                    .isInstanceOf(OutOfOrderSequenceException.class)
                    .hasMessageContaining("expected sequence 2, got 5 for producer 77")
                    .hasMessageContaining("idem-3");
            assertThatThrownBy(() -> log.append(batch(P + 1, 0, 4, 1)))
                    .as("a producer new on the partition starts at 0")
                    .isInstanceOf(OutOfOrderSequenceException.class)
                    .hasMessageContaining("expected sequence 0, got 4");
            assertThat(log.logEndOffset()).isEqualTo(2);
            assertThat(log.append(batch(P, 0, 2, 1)).baseOffset()).as("the right sequence still goes in").isEqualTo(2);
        }
    }

    @Test
    void anOlderEpochIsFencedAndANewerOneStartsAtSequenceZero() throws IOException {
        try (PartitionLog log = open()) {
            log.append(batch(P, 0, 0, 1));
            assertThatThrownBy(() -> log.append(batch(P, 1, 1, 1)))
                    .isInstanceOf(OutOfOrderSequenceException.class)
                    .hasMessageContaining("expected sequence 0, got 1");
            log.append(batch(P, 1, 0, 1));
            assertThatThrownBy(() -> log.append(batch(P, 0, 1, 1)))
                    .isInstanceOf(ProducerFencedException.class)
                    .hasMessageContaining("producer 77 with epoch 0 is fenced")
                    .hasMessageContaining("epoch 1");
            assertThat(log.logEndOffset()).isEqualTo(2);
        }
    }

    @Test
    void theLastFiveBatchesAreRememberedForDuplicatesAndOlderOnesAreRefused() throws IOException {
        try (PartitionLog log = open()) {
            for (int i = 0; i < 7; i++) {
                log.append(batch(P, 0, i * 2, 2));
            }
            for (int i = 2; i < 7; i++) {
                AppendResult r = log.append(batch(P, 0, i * 2, 2));
                assertThat(r.duplicate()).isTrue();
                assertThat(r.baseOffset()).isEqualTo(i * 2L);
            }
            assertThatThrownBy(() -> log.append(batch(P, 0, 2, 2)))
                    .as("older than the window: refused, never written twice")
                    .isInstanceOf(OutOfOrderSequenceException.class);
            assertThatThrownBy(() -> log.append(batch(P, 0, 12, 1)))
                    .as("a different range over remembered sequences is no duplicate")
                    .isInstanceOf(OutOfOrderSequenceException.class);
            assertThat(log.logEndOffset()).isEqualTo(14);
        }
    }

    @Test
    void batchesWithoutAProducerIdAreNeitherCheckedNorRemembered() throws IOException {
        try (PartitionLog log = open()) {
            ByteBuffer raw = TestBatches.batch(1, 4, 1);
            log.append(TestBatches.copy(raw));
            log.append(TestBatches.copy(raw));
            assertThat(log.logEndOffset()).isEqualTo(2);
            assertThat(log.producerStateSnapshot()).isEmpty();
        }
    }

    @Test
    void deduplicationHoldsAcrossACleanCloseAndAcrossALostSnapshot() throws IOException {
        try (PartitionLog log = open()) {
            log.append(batch(P, 0, 0, 2));
            log.append(batch(P, 0, 2, 2));
        }
        assertThat(TestBatches.fileNames(dir)).contains(LogFileNames.baseName(4) + LogFileNames.SNAPSHOT_SUFFIX);
        try (PartitionLog log = open()) {
            assertThat(log.append(batch(P, 0, 2, 2)).baseOffset()).isEqualTo(2);
            assertThat(log.logEndOffset()).isEqualTo(4);
        }
        for (Path snapshot : ProducerStateSnapshots.list(dir).values()) {
            Files.delete(snapshot);
        }
        Files.delete(dir.resolve(LogFileNames.CLEAN_SHUTDOWN_FILE));
        try (PartitionLog log = open()) {
            AppendResult r = log.append(batch(P, 0, 2, 2));
            assertThat(r.duplicate()).as("rebuilt from the log").isTrue();
            assertThat(r.baseOffset()).isEqualTo(2);
            assertThat(log.containsProducerBatch(P, (short) 0, 3)).isTrue();
            assertThat(log.containsProducerBatch(P, (short) 0, 4)).isFalse();
            assertThat(log.nextSequence(P, (short) 0)).isEqualTo(4);
        }
    }

    @Test
    void aSnapshotPastTheLogEndIsDeletedAndTheStateRebuiltFromTheLog() throws IOException {
        try (PartitionLog log = open()) {
            log.append(batch(P, 0, 0, 1));
        }
        // a snapshot from a longer log whose tail was lost: its state must not be believed
        ProducerStateManager longer = new ProducerStateManager(TP, 0);
        longer.record(P, (short) 0, 0, 9, 0, 9, 1);
        ProducerStateSnapshots.write(dir, longer, 10);
        try (PartitionLog log = open()) {
            assertThat(ProducerStateSnapshots.list(dir)).doesNotContainKey(10L);
            assertThat(log.nextSequence(P, (short) 0)).isEqualTo(1);
            assertThat(log.producerStateSnapshot().get(P).batches())
                    .containsExactly(new BatchMetadata(0, 0, 0, 0, 1_000));
        }
    }

    @Test
    void retentionKeepsTheStateOfProducersWhoseBatchesItDeleted() throws IOException {
        LogConfig small = LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).segmentBytes(200).retentionBytes(300)
                .fileDeleteDelayMs(0).build();
        try (PartitionLog log = PartitionLog.open(dir, TP, small, new ManualClock(0))) {
            log.append(batch(P, 0, 0, 1));
            for (int i = 0; i < 10; i++) {
                log.append(TestBatches.batch(1, 100, 1));
            }
            assertThat(log.deleteOldSegments()).isPositive();
            assertThat(log.logStartOffset()).isGreaterThan(0);
        }
        try (PartitionLog log = PartitionLog.open(dir, TP, small, new ManualClock(0))) {
            assertThat(log.nextSequence(P, (short) 0)).isEqualTo(1);
            assertThat(log.append(batch(P, 0, 0, 1)).duplicate()).isTrue();
        }
    }

    @Test
    void theEntryKeepsItsWindowInOrder() {
        ProducerStateEntry entry = new ProducerStateEntry(P, (short) 0);
        for (int i = 0; i < 8; i++) {
            entry.record((short) 0, i, i, 10 + i, 10 + i, i);
        }
        assertThat(entry.batches()).extracting(BatchMetadata::firstSequence).containsExactly(3, 4, 5, 6, 7);
        entry.record((short) 2, 0, 1, 30, 31, 9);
        assertThat(entry.batches()).containsExactly(new BatchMetadata(0, 1, 30, 31, 9));
        assertThat(entry.epoch()).isEqualTo((short) 2);
        assertThat(List.of(entry.covers((short) 2, 1), entry.covers((short) 2, 2), entry.covers((short) 1, 7)))
                .containsExactly(true, false, true);
    }
}
