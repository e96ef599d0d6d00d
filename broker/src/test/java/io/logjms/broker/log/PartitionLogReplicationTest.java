package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What replication needs from the log: leader epochs, the epoch checkpoint, follower appends, truncation. */
@Timeout(10)
class PartitionLogReplicationTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path leaderDir;
    @TempDir
    Path followerDir;
    private final ManualClock clock = new ManualClock(1_000_000);
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(PartitionLog::close);
    }

    private PartitionLog open(Path dir, LogConfig config) throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, config, clock);
        opened.add(log);
        return log;
    }

    private static LogConfig small() {
        // About three 3-record batches per segment, an index entry for every batch.
        return LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0).segmentBytes(400)
                .indexIntervalBytes(1).build();
    }

    /** All batches of {@code log} from {@code offset} on, as one buffer, as a follower would fetch them. */
    private static ByteBuffer fetchAll(PartitionLog log, long offset) {
        List<ByteBuffer> batches = new ArrayList<>();
        long next = offset;
        while (next < log.logEndOffset()) {
            List<ByteBuffer> read = log.readBatches(next, 1 << 20);
            batches.addAll(read);
            RecordBatch last = RecordBatch.of(read.get(read.size() - 1));
            next = last.nextOffset();
        }
        ByteBuffer all = ByteBuffer.allocate(batches.stream().mapToInt(ByteBuffer::remaining).sum());
        batches.forEach(b -> all.put(b.duplicate()));
        return all.flip();
    }

    private static List<Integer> epochsOf(PartitionLog log) {
        List<Integer> epochs = new ArrayList<>();
        ByteBuffer all = fetchAll(log, log.logStartOffset());
        RecordBatch view = new RecordBatch();
        for (int p = 0; p < all.limit(); p += view.sizeInBytes()) {
            epochs.add(view.wrap(all, p).leaderEpoch());
        }
        return epochs;
    }

    @Test
    void stampedAppendsRecordWhereEachEpochStarts() throws IOException {
        PartitionLog log = open(leaderDir, small());
        log.append(batch(3, 10, 1), 0);
        log.append(batch(3, 10, 1), 0);
        log.append(batch(3, 10, 1), 2);
        log.append(batch(3, 10, 1), 5);

        assertThat(epochsOf(log)).containsExactly(0, 0, 2, 5);
        assertThat(log.epochEntries()).containsExactly(new LeaderEpochCache.EpochEntry(0, 0),
                new LeaderEpochCache.EpochEntry(2, 6), new LeaderEpochCache.EpochEntry(5, 9));
        assertThat(log.endOffsetFor(0)).isEqualTo(new LeaderEpochCache.EpochEndOffset(0, 6));
        assertThat(log.endOffsetFor(1)).as("an epoch that never wrote answers for the one before it")
                .isEqualTo(new LeaderEpochCache.EpochEndOffset(0, 6));
        assertThat(log.endOffsetFor(4)).isEqualTo(new LeaderEpochCache.EpochEndOffset(2, 9));
        assertThat(log.endOffsetFor(5)).isEqualTo(new LeaderEpochCache.EpochEndOffset(5, 12));
        assertThat(log.endOffsetFor(-1).undefined()).isTrue();
    }

    @Test
    void anOlderEpochThanOneThatWroteIsRefusedAndWritesNothing() throws IOException {
        PartitionLog log = open(leaderDir, small());
        log.append(batch(1, 10, 1), 3);

        assertThatThrownBy(() -> log.append(batch(1, 10, 1), 2)).isInstanceOf(StaleLeaderEpochException.class)
                .hasMessageContaining("leader epoch 2 is older than epoch 3");
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void theEpochCheckpointSurvivesAReopen() throws IOException {
        PartitionLog log = open(leaderDir, small());
        log.append(batch(2, 10, 1), 1);
        log.append(batch(2, 10, 1), 4);
        log.close();

        PartitionLog again = open(leaderDir, small());
        assertThat(again.latestEpoch()).isEqualTo(4);
        assertThat(again.epochEntries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0),
                new LeaderEpochCache.EpochEntry(4, 2));
    }

    @Test
    void aFollowerKeepsTheLeadersOffsetsAndEpochs() throws IOException {
        PartitionLog leader = open(leaderDir, small());
        for (int i = 0; i < 7; i++) {
            leader.append(batch(3, 10, 1), i < 4 ? 1 : 2);
        }
        PartitionLog follower = open(followerDir, small());

        long end = follower.appendAsFollower(fetchAll(leader, 0));

        assertThat(end).isEqualTo(21);
        assertThat(follower.segments()).as("the follower rolls its own segments").hasSizeGreaterThan(1);
        assertThat(fetchAll(follower, 0)).isEqualTo(fetchAll(leader, 0));
        assertThat(follower.epochEntries()).isEqualTo(leader.epochEntries());
    }

    @Test
    void aFollowerRefusesBatchesThatDoNotContinueItsLogAndWritesNoneOfThem() throws IOException {
        PartitionLog leader = open(leaderDir, small());
        for (int i = 0; i < 4; i++) {
            leader.append(batch(2, 10, 1), 1);
        }
        PartitionLog follower = open(followerDir, small());
        follower.appendAsFollower(fetchAll(leader, 0).limit(0));

        assertThatThrownBy(() -> follower.appendAsFollower(fetchAll(leader, 2)))
                .isInstanceOf(NonContiguousAppendException.class)
                .hasMessageContaining("starts at offset 2, expected 0");
        ByteBuffer gap = ByteBuffer.allocate(2 * 200);
        List<ByteBuffer> batches = leader.readBatches(0, 1);
        gap.put(batches.get(0).duplicate());
        gap.put(leader.readBatches(4, 1).get(0).duplicate()).flip();
        assertThatThrownBy(() -> follower.appendAsFollower(gap)).isInstanceOf(NonContiguousAppendException.class)
                .hasMessageContaining("starts at offset 4, expected 2");
        assertThat(follower.logEndOffset()).as("nothing written").isZero();
    }

    @Test
    void aFollowerRefusesAnEpochOlderThanItsLatest() throws IOException {
        PartitionLog leader = open(leaderDir, small());
        leader.append(batch(1, 10, 1), 1);
        PartitionLog follower = open(followerDir, small());
        follower.append(batch(1, 10, 1), 3);
        follower.truncateTo(1);

        ByteBuffer next = TestBatches.copy(leader.readBatches(0, 1).get(0));
        new RecordBatch(next, 0).setBaseOffset(1);
        assertThatThrownBy(() -> follower.appendAsFollower(next)).isInstanceOf(StaleLeaderEpochException.class);
        assertThat(follower.logEndOffset()).isEqualTo(1);
    }

    @Test
    void truncationCutsWholeBatchesRemovesLaterSegmentsAndAppendsContinueFromTheCut() throws IOException {
        PartitionLog log = open(leaderDir, small());
        for (int i = 0; i < 10; i++) {
            log.append(batch(3, 10, 1), 1);
        }
        int segmentsBefore = log.segments().size();

        long end = log.truncateTo(10);

        assertThat(end).as("offset 10 lies inside the batch [9, 11]: the whole batch goes").isEqualTo(9);
        assertThat(log.logEndOffset()).isEqualTo(9);
        assertThat(log.segments().size()).isLessThan(segmentsBefore);
        assertThat(log.segments().get(log.segments().size() - 1).active()).isTrue();
        assertThat(log.append(batch(1, 10, 1), 2).baseOffset()).isEqualTo(9);
        assertThat(log.readBatches(0, 1 << 20, Long.MAX_VALUE)).isNotEmpty();
        assertThat(fetchAll(log, 0).remaining()).isPositive();
        log.close();

        PartitionLog again = open(leaderDir, small());
        assertThat(again.logEndOffset()).isEqualTo(10);
        assertThat(epochsOf(again)).containsExactly(1, 1, 1, 2);
    }

    @Test
    void truncationForgetsTheEpochsThatStartedAtOrAfterTheCut() throws IOException {
        PartitionLog log = open(leaderDir, small());
        log.append(batch(2, 10, 1), 1);
        log.append(batch(2, 10, 1), 2);
        log.append(batch(2, 10, 1), 3);

        log.truncateTo(2);

        assertThat(log.epochEntries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0));
        assertThat(log.latestEpoch()).isEqualTo(1);
        log.append(batch(2, 10, 1), 2);
        log.close();
        PartitionLog again = open(leaderDir, small());
        assertThat(again.epochEntries()).containsExactly(new LeaderEpochCache.EpochEntry(1, 0),
                new LeaderEpochCache.EpochEntry(2, 2));
    }

    @Test
    void truncationRebuildsTheProducerStateSoTheCutBatchesCanBeSentAgain() throws IOException {
        PartitionLog log = open(leaderDir, small());
        log.append(producerBatch(0, 2), 1);
        log.append(producerBatch(2, 2), 1);
        log.append(producerBatch(4, 2), 1);

        log.truncateTo(2);

        assertThat(log.nextSequence(7L, (short) 0)).isEqualTo(2);
        AppendResult again = log.append(producerBatch(2, 2), 1);
        assertThat(again.duplicate()).as("the cut batch is new again, not a duplicate").isFalse();
        assertThat(again.baseOffset()).isEqualTo(2);
    }

    @Test
    void truncationBelowTheLogStartIsRefusedAndAtTheEndChangesNothing() throws IOException {
        PartitionLog log = open(leaderDir, small());
        log.append(batch(2, 10, 1), 1);

        assertThat(log.truncateTo(5)).isEqualTo(2);
        assertThat(log.truncateTo(0)).isZero();
        assertThat(log.logEndOffset()).isZero();
        assertThatThrownBy(() -> log.truncateTo(-1)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void snapshotsPastTheCutAreDeleted() throws IOException {
        PartitionLog log = open(leaderDir, small());
        for (int i = 0; i < 10; i++) {
            log.append(producerBatch(i * 3, 3), 1);
        }
        long snapshotsBefore;
        try (var files = Files.list(leaderDir)) {
            snapshotsBefore = files.filter(f -> f.toString().endsWith(".snapshot")).count();
        }
        assertThat(snapshotsBefore).isPositive();

        log.truncateTo(3);

        try (var files = Files.list(leaderDir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".snapshot"))
                    .map(f -> Long.parseLong(f.getFileName().toString().replace(".snapshot", ""))))
                    .allMatch(offset -> offset <= 3);
        }
        assertThat(log.nextSequence(7L, (short) 0)).isEqualTo(3);
    }

    private static ByteBuffer producerBatch(int baseSequence, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < records; i++) {
            builder.append(1_000, null, null, ("r" + (baseSequence + i)).getBytes());
        }
        return builder.producer(7L, (short) 0, baseSequence).build();
    }

    @Test
    void aFollowerBelowTheLeadersLogStartStartsItsLogOverThereAndCopiesOnFromIt() throws IOException {
        LogConfig keepLittle = LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0).segmentBytes(400)
                .indexIntervalBytes(1).retentionMs(-1).retentionBytes(800L).build();
        PartitionLog leader = open(leaderDir, keepLittle);
        PartitionLog follower = open(followerDir, small());
        leader.append(batch(3, 10, 1), 1);
        follower.appendAsFollower(fetchAll(leader, 0));
        for (int i = 0; i < 12; i++) {
            leader.append(batch(3, 10, 1), 2);
        }
        assertThat(leader.deleteOldSegments()).isPositive();
        long start = leader.logStartOffset();
        assertThat(start).as("retention removed what the follower would copy next")
                .isGreaterThan(follower.logEndOffset());

        follower.truncateFullyAndStartAt(start);

        assertThat(follower.logStartOffset()).isEqualTo(start);
        assertThat(follower.logEndOffset()).isEqualTo(start);
        assertThat(follower.latestEpoch()).isEqualTo(LeaderEpochCache.UNDEFINED_EPOCH);
        follower.appendAsFollower(fetchAll(leader, start));
        assertThat(follower.logEndOffset()).isEqualTo(leader.logEndOffset());
        assertThat(epochsOf(follower)).isEqualTo(epochsOf(leader));
        follower.close();
        opened.remove(follower);
        PartitionLog reopened = open(followerDir, small());
        assertThat(reopened.logStartOffset()).as("after a restart").isEqualTo(start);
        assertThat(reopened.logEndOffset()).isEqualTo(leader.logEndOffset());
        assertThat(reopened.endOffsetFor(2).endOffset()).isEqualTo(leader.logEndOffset());
    }

    @Test
    void startingOverIsOnlyForAnOffsetPastTheLogEnd() throws IOException {
        PartitionLog follower = open(followerDir, small());
        follower.appendAsFollower(batchesAt(0, 2));

        assertThatThrownBy(() -> follower.truncateFullyAndStartAt(follower.logEndOffset()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the log end");
        assertThat(follower.logEndOffset()).isEqualTo(6);
    }

    private static ByteBuffer batchesAt(long base, int count) {
        ByteBuffer all = ByteBuffer.allocate(64 * 1024);
        long next = base;
        for (int i = 0; i < count; i++) {
            ByteBuffer b = batch(3, 10, 1);
            RecordBatch view = RecordBatch.of(b);
            view.setBaseOffset(next);
            view.setLeaderEpoch(1);
            next += 3;
            all.put(b);
        }
        return all.flip();
    }
}
