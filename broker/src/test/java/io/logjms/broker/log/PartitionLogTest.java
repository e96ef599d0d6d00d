package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static io.logjms.broker.log.TestBatches.batchWithTimestamps;
import static io.logjms.broker.log.TestBatches.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.record.InvalidRecordException;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
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

@Timeout(10)
class PartitionLogTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_000_000);
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(PartitionLog::close);
    }

    private PartitionLog open(LogConfig config) throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, config, clock);
        opened.add(log);
        return log;
    }

    private static LogConfig.Builder config() {
        return LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0);
    }

    @Test
    void newLogIsEmptyWithOneSegmentAtOffsetZero() throws IOException {
        PartitionLog log = open(config().build());

        assertThat(log.logStartOffset()).isZero();
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.segments()).containsExactly(new SegmentInfo(0, 0, 0, Long.MIN_VALUE, true));
        assertThat(dir.resolve("00000000000000000000.log")).exists();
        assertThat(log.read(0, 1000).isEmpty()).isTrue();
    }

    @Test
    void appendAssignsConsecutiveOffsetsAndReportsWhereTheBatchWent() throws IOException {
        PartitionLog log = open(config().build());
        ByteBuffer first = batch(3, 10, 500);
        ByteBuffer second = batch(2, 10, 600);

        AppendResult a = log.append(first);
        AppendResult b = log.append(second);

        assertThat(a).isEqualTo(new AppendResult(0, 2, clock.millis(), 0, 0, first.remaining()));
        assertThat(b).isEqualTo(new AppendResult(3, 4, clock.millis(), 0, first.remaining(), second.remaining()));
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(first.position()).isZero();
        assertThat(RecordBatch.of(second).baseOffset()).isEqualTo(3);
    }

    @Test
    void readsBackExactlyWhatWasAppended() throws IOException {
        PartitionLog log = open(config().build());
        ByteBuffer first = batch(3, 10, 500);
        ByteBuffer second = batch(2, 20, 600);
        log.append(first);
        log.append(second);

        assertThat(log.readBatches(0, Integer.MAX_VALUE)).containsExactly(stored(first, 0), stored(second, 3));
        assertThat(log.readBatches(4, Integer.MAX_VALUE)).containsExactly(stored(second, 3));
    }

    @Test
    void readDescribesAFileRangeOfWholeBatches() throws IOException {
        PartitionLog log = open(config().build());
        int size = batch(1, 100, 1).remaining();
        for (int i = 0; i < 5; i++) {
            log.append(batch(1, 100, 1));
        }

        FetchData data = log.read(1, 2 * size + size / 2);

        assertThat(data.position()).isEqualTo(size);
        assertThat(data.sizeInBytes()).isEqualTo(2 * size);
        assertThat(data.firstBatchOffset()).isEqualTo(1);
        assertThat(data.nextOffset()).isEqualTo(3);
        assertThat(data.logEndOffset()).isEqualTo(5);
        assertThat(data.channel().isOpen()).isTrue();
    }

    @Test
    void readReturnsAtLeastOneWholeBatchEvenAboveMaxBytes() throws IOException {
        PartitionLog log = open(config().build());
        ByteBuffer big = batch(10, 200, 1);
        log.append(big);
        log.append(batch(1, 1, 1));

        FetchData data = log.read(5, 1);

        assertThat(data.sizeInBytes()).isEqualTo(big.remaining());
        assertThat(data.firstBatchOffset()).isZero();
        assertThat(data.nextOffset()).isEqualTo(10);
    }

    @Test
    void readingAtTheEndIsEmptyAndOutsideTheLogIsOutOfRange() throws IOException {
        PartitionLog log = open(config().build());
        log.append(batch(2, 1, 1));

        assertThat(log.read(2, 100).isEmpty()).isTrue();
        assertThat(log.read(2, 100).nextOffset()).isEqualTo(2);
        assertThatThrownBy(() -> log.read(3, 100)).isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("offset 3").hasMessageContaining("[0, 2)");
        assertThatThrownBy(() -> log.read(-1, 100)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void oversizeBatchIsRejectedAndNothingWritten() throws IOException {
        PartitionLog log = open(config().maxBatchBytes(500).build());
        ByteBuffer big = batch(1, 600, 1);

        assertThatThrownBy(() -> log.append(big)).isInstanceOf(BatchTooLargeException.class)
                .hasMessageContaining("limit of 500 bytes");
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.sizeInBytes()).isZero();
    }

    @Test
    void corruptBatchIsRejectedAndNothingWritten() throws IOException {
        PartitionLog log = open(config().build());
        ByteBuffer corrupt = batch(2, 10, 1);
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));

        assertThatThrownBy(() -> log.append(corrupt)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("CRC");
        ByteBuffer twoBatches = ByteBuffer.allocate(400);
        twoBatches.put(batch(1, 1, 1)).put(batch(1, 1, 1)).flip();
        assertThatThrownBy(() -> log.append(twoBatches)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("one batch at a time");
        assertThat(log.sizeInBytes()).isZero();
    }

    @Test
    void stampsTheLeaderEpochWhenGiven() throws IOException {
        PartitionLog log = open(config().build());
        log.append(batch(1, 1, 1), 7);
        log.append(batch(1, 1, 1));

        List<ByteBuffer> batches = log.readBatches(0, Integer.MAX_VALUE);
        assertThat(RecordBatch.of(batches.get(0)).leaderEpoch()).isEqualTo(7);
        assertThat(RecordBatch.of(batches.get(1)).leaderEpoch()).isEqualTo(RecordBatchLayout.NO_LEADER_EPOCH);
    }

    @Test
    void rollsWhenTheNextBatchWouldExceedSegmentBytes() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(2 * size + 10).build());
        for (int i = 0; i < 5; i++) {
            log.append(batch(1, 100, 1));
        }

        assertThat(log.segments()).extracting(SegmentInfo::baseOffset).containsExactly(0L, 2L, 4L);
        assertThat(log.segments()).extracting(SegmentInfo::sizeInBytes).containsExactly(2 * size, 2 * size, size);
        assertThat(log.segments()).extracting(SegmentInfo::active).containsExactly(false, false, true);
        assertThat(dir.resolve("00000000000000000002.log")).exists();
        assertThat(log.readBatches(0, Integer.MAX_VALUE)).hasSize(2);
        assertThat(log.readBatches(2, Integer.MAX_VALUE)).hasSize(2);
    }

    @Test
    void aBatchLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
        PartitionLog log = open(config().segmentBytes(100).build());
        log.append(batch(1, 300, 1));
        log.append(batch(1, 300, 1));

        assertThat(log.segments()).extracting(SegmentInfo::baseOffset).containsExactly(0L, 1L);
    }

    @Test
    void rollsByAgeOfTheSegmentsFirstBatch() throws IOException {
        PartitionLog log = open(config().segmentMs(1000).build());
        clock.advance(5000);
        log.append(batch(1, 1, 1));
        clock.advance(999);
        log.append(batch(1, 1, 1));
        assertThat(log.segments()).hasSize(1);

        clock.advance(1);
        log.append(batch(1, 1, 1));

        assertThat(log.segments()).extracting(SegmentInfo::baseOffset).containsExactly(0L, 2L);
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordReachingIt() throws IOException {
        PartitionLog log = open(config().segmentBytes(300).indexIntervalBytes(0).build());
        long[] maxTimestamps = {100, 300, 200, 400, 350, 500};
        for (long ts : maxTimestamps) {
            log.append(batchWithTimestamps(2, 50, ts - 50, ts));
        }

        assertThat(log.offsetForTimestamp(0)).isZero();
        assertThat(log.offsetForTimestamp(50)).isZero();
        assertThat(log.offsetForTimestamp(51)).as("the second record of the first batch").isEqualTo(1);
        assertThat(log.offsetForTimestamp(100)).isEqualTo(1);
        assertThat(log.offsetForTimestamp(101)).isEqualTo(2);
        assertThat(log.offsetForTimestamp(300)).isEqualTo(3);
        assertThat(log.offsetForTimestamp(301)).isEqualTo(6);
        assertThat(log.offsetForTimestamp(450)).isEqualTo(10);
        assertThat(log.offsetForTimestamp(501)).isEqualTo(12);
    }

    @Test
    void retentionByTimeDeletesExpiredClosedSegmentsOnly() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(size).retentionMs(1000).build());
        log.append(batch(1, 100, clock.millis() - 5000));
        log.append(batch(1, 100, clock.millis() - 2000));
        log.append(batch(1, 100, clock.millis() - 500));
        log.append(batch(1, 100, clock.millis() - 9000));

        assertThat(log.deleteOldSegments()).isEqualTo(2);

        assertThat(log.logStartOffset()).isEqualTo(2);
        assertThat(log.segments()).extracting(SegmentInfo::baseOffset).containsExactly(2L, 3L);
        assertThatThrownBy(() -> log.read(1, 100)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(dir.resolve("00000000000000000000.log")).doesNotExist();

        clock.advance(600);
        assertThat(log.deleteOldSegments()).isEqualTo(1);
        assertThat(log.segments()).extracting(SegmentInfo::baseOffset).containsExactly(3L);
        clock.advance(1_000_000);
        assertThat(log.deleteOldSegments()).as("the active segment stays").isZero();
    }

    @Test
    void retentionBySizeKeepsThePartitionUnderTheLimit() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(size).retentionMs(-1).retentionBytes(2L * size).build());
        for (int i = 0; i < 5; i++) {
            log.append(batch(1, 100, 1));
        }

        assertThat(log.deleteOldSegments()).isEqualTo(3);

        assertThat(log.sizeInBytes()).isEqualTo(2L * size);
        assertThat(log.logStartOffset()).isEqualTo(3);
    }

    @Test
    void retentionOffKeepsEverything() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(size).retentionMs(-1).retentionBytes(-1).build());
        for (int i = 0; i < 3; i++) {
            log.append(batch(1, 100, 1));
        }
        clock.advance(Long.MAX_VALUE / 4);

        assertThat(log.deleteOldSegments()).isZero();
        assertThat(log.segments()).hasSize(3);
    }

    @Test
    void removedSegmentFilesStayReadableUntilTheDeleteDelay() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(size).retentionMs(1000).fileDeleteDelayMs(60_000).build());
        log.append(batch(1, 100, 1));
        log.append(batch(1, 100, 1));
        FetchData held = log.read(0, 1000);

        clock.advance(1);
        assertThat(log.deleteOldSegments()).isEqualTo(1);
        assertThat(dir.resolve("00000000000000000000.log.deleted")).exists();
        assertThat(held.copyBytes().remaining()).isEqualTo(size);

        clock.advance(60_000);
        log.deleteOldSegments();
        assertThat(dir.resolve("00000000000000000000.log.deleted")).doesNotExist();
        assertThat(dir.resolve("00000000000000000000.index.deleted")).doesNotExist();
    }

    @Test
    void cleanCloseWritesTheMarkerAndReopenContinues() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(3 * size).build());
        List<ByteBuffer> appended = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ByteBuffer b = batch(1, 100, i);
            log.append(b);
            appended.add(stored(b, i));
        }
        log.close();
        assertThat(dir.resolve(".clean_shutdown")).exists();
        assertThatThrownBy(() -> log.append(batch(1, 1, 1))).isInstanceOf(LogClosedException.class);

        PartitionLog reopened = open(config().segmentBytes(3 * size).build());

        assertThat(dir.resolve(".clean_shutdown")).doesNotExist();
        assertThat(reopened.logEndOffset()).isEqualTo(7);
        assertThat(reopened.flushedOffset()).isEqualTo(7);
        assertThat(reopened.segments()).extracting(SegmentInfo::baseOffset).containsExactly(0L, 3L, 6L);
        List<ByteBuffer> read = new ArrayList<>();
        for (long offset = 0; offset < 7; offset += 3) {
            read.addAll(reopened.readBatches(offset, Integer.MAX_VALUE));
        }
        assertThat(read).isEqualTo(appended);
        assertThat(reopened.append(batch(1, 1, 1)).baseOffset()).isEqualTo(7);
        assertThat(reopened.offsetForTimestamp(5)).isEqualTo(5);
    }

    @Test
    void uncleanReopenTruncatesATornTail() throws IOException {
        PartitionLog log = open(config().build());
        log.append(batch(2, 50, 1));
        log.append(batch(2, 50, 1));
        long sizeBefore = log.sizeInBytes();
        log.close();
        Files.delete(dir.resolve(".clean_shutdown"));
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve("00000000000000000000.log"),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(sizeBefore - 7);
        }

        PartitionLog reopened = open(config().build());

        assertThat(reopened.logEndOffset()).isEqualTo(2);
        assertThat(reopened.sizeInBytes()).isEqualTo(sizeBefore / 2);
        assertThat(reopened.append(batch(1, 1, 1)).baseOffset()).isEqualTo(2);
    }

    @Test
    void missingIndexesAreRebuiltAndStrayFilesRemoved() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(4 * size).indexIntervalBytes(0).build());
        for (int i = 0; i < 10; i++) {
            log.append(batch(1, 100, i));
        }
        log.close();
        Files.delete(dir.resolve("00000000000000000000.index"));
        Files.write(dir.resolve("00000000000000000004.timeindex"), new byte[5]);
        Files.write(dir.resolve("00000000000000000004.index.tmp"), new byte[5]);
        Files.write(dir.resolve("00000000000000000001.log.deleted"), new byte[5]);
        Files.write(dir.resolve("00000000000000000099.index"), new byte[8]);

        PartitionLog reopened = open(config().segmentBytes(4 * size).indexIntervalBytes(0).build());

        assertThat(TestBatches.fileNames(dir)).containsExactly(
                "00000000000000000000.index", "00000000000000000000.log", "00000000000000000000.timeindex",
                "00000000000000000004.index", "00000000000000000004.log", "00000000000000000004.timeindex",
                "00000000000000000008.index", "00000000000000000008.log", "00000000000000000008.snapshot",
                "00000000000000000008.timeindex", "00000000000000000010.snapshot");
        assertThat(TestBatches.fileSize(dir.resolve("00000000000000000000.index"))).isEqualTo(3 * 8);
        assertThat(TestBatches.fileSize(dir.resolve("00000000000000000004.timeindex"))).isEqualTo(3 * 12);
        for (long offset = 0; offset < 10; offset++) {
            assertThat(reopened.read(offset, 1).firstBatchOffset()).isEqualTo(offset);
            assertThat(reopened.offsetForTimestamp(offset)).isEqualTo(offset);
        }
    }

    @Test
    void corruptionInAClosedSegmentDropsEverythingAfterIt() throws IOException {
        int size = batch(1, 100, 1).remaining();
        PartitionLog log = open(config().segmentBytes(2 * size).build());
        for (int i = 0; i < 6; i++) {
            log.append(batch(1, 100, 1));
        }
        log.close();
        Path middle = dir.resolve("00000000000000000002.log");
        byte[] bytes = Files.readAllBytes(middle);
        bytes[size + 70] ^= 1;
        Files.write(middle, bytes);

        PartitionLog reopened = open(config().segmentBytes(2 * size).build());

        assertThat(reopened.logEndOffset()).isEqualTo(3);
        assertThat(reopened.segments()).extracting(SegmentInfo::baseOffset).containsExactly(0L, 2L);
        assertThat(dir.resolve("00000000000000000004.log")).doesNotExist();
        assertThat(reopened.append(batch(1, 1, 1)).baseOffset()).isEqualTo(3);
    }

    @Test
    void awaitDurableFollowsThePolicy() throws IOException {
        PartitionLog os = open(config().fsyncPolicy(FsyncPolicy.OS).build());
        os.append(batch(1, 1, 1));
        assertThat(os.awaitDurable(0)).isCompleted();
        assertThat(os.flushedOffset()).isZero();
        os.flush();
        assertThat(os.flushedOffset()).isEqualTo(1);
        os.close();

        PartitionLog every = open(config().fsyncPolicy(FsyncPolicy.EVERY_BATCH).build());
        AppendResult appended = every.append(batch(3, 1, 1));
        assertThat(every.flushedOffset()).isEqualTo(appended.lastOffset() + 1);
        assertThat(every.awaitDurable(appended.lastOffset())).isCompleted();
        assertThat(every.awaitDurable(appended.lastOffset() + 1)).isNotDone();
        every.close();
    }

    @Test
    void intervalPolicyFlushesWhenTheIntervalPassed() throws IOException {
        PartitionLog log = open(config().fsyncPolicy(FsyncPolicy.INTERVAL).fsyncIntervalMs(1000).build());
        log.append(batch(1, 1, 1));
        var durable = log.awaitDurable(0);
        assertThat(durable).isNotDone();

        clock.advance(999);
        assertThat(log.flushIfDue(clock.millis())).isFalse();
        assertThat(durable).isNotDone();

        clock.advance(1);
        assertThat(log.flushIfDue(clock.millis())).isTrue();
        assertThat(durable).isCompleted();
        assertThat(log.flushedOffset()).isEqualTo(1);
    }

    @Test
    void closingFailsFuturesForOffsetsNeverWritten() throws IOException {
        PartitionLog log = open(config().fsyncPolicy(FsyncPolicy.INTERVAL).build());
        log.append(batch(1, 1, 1));
        var written = log.awaitDurable(0);
        var never = log.awaitDurable(5);

        log.close();

        assertThat(written).isCompleted();
        assertThat(never).isCompletedExceptionally();
        assertThat(log.awaitDurable(0)).isCompletedExceptionally();
    }

    @Test
    void updatedConfigAppliesToTheNextAppend() throws IOException {
        PartitionLog log = open(config().build());
        log.append(batch(1, 100, 1));
        log.updateConfig(log.config().toBuilder().segmentBytes(100).build());

        log.append(batch(1, 100, 1));

        assertThat(log.segments()).hasSize(2);
    }
}
