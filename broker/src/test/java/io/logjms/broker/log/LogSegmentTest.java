package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static io.logjms.broker.log.TestBatches.batchWithTimestamps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSegmentTest {
    private static final long BASE = 100;

    @TempDir
    Path dir;
    private LogSegment segment;

    @AfterEach
    void close() throws IOException {
        if (segment != null) {
            segment.close();
        }
    }

    /** Appends a batch at the segment's next offset; returns its size. */
    private int append(ByteBuffer bytes, int indexInterval) throws IOException {
        RecordBatch batch = RecordBatch.of(bytes);
        batch.setBaseOffset(segment.nextOffset());
        segment.append(batch, bytes, 0, indexInterval);
        return bytes.remaining();
    }

    @Test
    void translatesOffsetsToTheBatchHoldingThem() throws IOException {
        segment = LogSegment.create(dir, BASE, FileChannelOpener.DEFAULT);
        int a = append(batch(3, 50, 1), 0);
        int b = append(batch(2, 50, 1), 0);
        append(batch(4, 50, 1), 0);

        assertThat(segment.translateOffset(BASE)).isEqualTo(new OffsetPosition(BASE, 0));
        assertThat(segment.translateOffset(BASE + 2)).isEqualTo(new OffsetPosition(BASE, 0));
        assertThat(segment.translateOffset(BASE + 4)).isEqualTo(new OffsetPosition(BASE + 3, a));
        assertThat(segment.translateOffset(BASE + 8)).isEqualTo(new OffsetPosition(BASE + 5, a + b));
        assertThat(segment.translateOffset(BASE + 9)).isNull();
        assertThat(segment.nextOffset()).isEqualTo(BASE + 9);
        assertThat(segment.offsetIndex().entryCount()).isEqualTo(2);
    }

    @Test
    void fetchRangeTakesWholeBatchesUpToMaxBytes() throws IOException {
        segment = LogSegment.create(dir, BASE, FileChannelOpener.DEFAULT);
        int size = 0;
        for (int i = 0; i < 10; i++) {
            size = append(batch(1, 100, 1), 300);
        }

        assertThat(segment.fetchRange(0, 0)).isEqualTo(new LogSegment.FetchRange(0, size, BASE + 1));
        assertThat(segment.fetchRange(size, 3 * size + 1)).isEqualTo(new LogSegment.FetchRange(size, 3 * size, BASE + 4));
        assertThat(segment.fetchRange(8 * size, 100_000)).isEqualTo(new LogSegment.FetchRange(8 * size, 2 * size,
                BASE + 10));
    }

    @Test
    void aReadStopsBeforeTheEndOffsetEvenWhenTheIndexPointsPastIt() throws IOException {
        segment = LogSegment.create(dir, BASE, FileChannelOpener.DEFAULT);
        int size = 0;
        for (int i = 0; i < 10; i++) {
            size = append(batch(1, 100, 1), 300);
        }

        LogSegment.SegmentRead bounded = segment.read(BASE + 1, 100_000, BASE + 4);
        assertThat(bounded.range()).as("batches from the end offset on are not published yet")
                .isEqualTo(new LogSegment.FetchRange(size, 3 * size, BASE + 4));
        assertThat(segment.read(BASE + 4, 100_000, BASE + 4).range().length()).isZero();
        assertThat(segment.read(BASE, 100_000).range()).isEqualTo(new LogSegment.FetchRange(0, 10 * size, BASE + 10));
    }

    @Test
    void findsTheFirstRecordReachingATimestamp() throws IOException {
        segment = LogSegment.create(dir, BASE, FileChannelOpener.DEFAULT);
        append(batchWithTimestamps(2, 10, 5, 50), 0);
        append(batchWithTimestamps(2, 10, 5, 30), 0);
        append(batchWithTimestamps(2, 10, 60, 70), 0);

        assertThat(segment.findOffsetByTimestamp(5)).isEqualTo(BASE);
        assertThat(segment.findOffsetByTimestamp(40)).as("inside the first batch").isEqualTo(BASE + 1);
        assertThat(segment.findOffsetByTimestamp(51)).isEqualTo(BASE + 4);
        assertThat(segment.findOffsetByTimestamp(71)).isEqualTo(-1);
        assertThat(segment.largestTimestamp()).isEqualTo(70);
    }

    @Test
    void rollsWhenFullOldOrOutOfRelativeOffsets() throws IOException {
        segment = LogSegment.create(dir, BASE, FileChannelOpener.DEFAULT);
        LogConfig config = LogConfig.builder().segmentBytes(1000).segmentMs(100).build();
        assertThat(segment.shouldRoll(5000, BASE, 1_000_000, config)).as("empty segments never roll").isFalse();
        int size = append(batch(1, 10, 1), 0);

        assertThat(segment.shouldRoll(1000 - size, BASE + 1, 99, config)).isFalse();
        assertThat(segment.shouldRoll(1001 - size, BASE + 1, 99, config)).isTrue();
        assertThat(segment.shouldRoll(10, BASE + 1, 100, config)).isTrue();
        assertThat(segment.shouldRoll(10, BASE + Integer.MAX_VALUE + 1L, 0, config)).isTrue();
    }

    @Test
    void loadFromIndexesRejectsATornTailAndRecoverCutsIt() throws IOException {
        segment = LogSegment.create(dir, BASE, FileChannelOpener.DEFAULT);
        int size = append(batch(2, 100, 7), 0);
        append(batch(2, 100, 9), 0);
        segment.onBecomeInactive();
        segment.close();
        try (var channel = java.nio.channels.FileChannel.open(LogFileNames.logFile(dir, BASE),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(2L * size - 1);
        }

        segment = LogSegment.open(dir, BASE, FileChannelOpener.DEFAULT);
        assertThatThrownBy(segment::loadFromIndexes).isInstanceOf(CorruptSegmentException.class)
                .hasMessageContaining("torn batch");
        RecoveryResult result = segment.recover(0);

        assertThat(result).isEqualTo(new RecoveryResult(BASE, 1, size, BASE + 2, size - 1L,
                "torn batch: it claims " + size + " bytes, " + (size - 1) + " are left"));
        assertThat(segment.sizeInBytes()).isEqualTo(size);
        assertThat(segment.largestTimestamp()).isEqualTo(7);
        assertThat(Files.size(LogFileNames.logFile(dir, BASE))).isEqualTo(size);
        assertThat(Files.size(LogFileNames.indexFile(dir, BASE))).isZero();
        assertThat(Files.size(LogFileNames.timeIndexFile(dir, BASE))).isEqualTo(TimeIndex.ENTRY_SIZE);
    }

    @Test
    void recoverStopsAtABatchWhoseOffsetsDoNotContinue() throws IOException {
        segment = LogSegment.create(dir, BASE, FileChannelOpener.DEFAULT);
        int size = append(batch(2, 10, 1), 0);
        ByteBuffer stray = batch(1, 10, 1);
        RecordBatch.of(stray).setBaseOffset(BASE + 5);
        segment.append(RecordBatch.of(stray), stray, 0, 0);
        segment.close();

        segment = LogSegment.open(dir, BASE, FileChannelOpener.DEFAULT);
        RecoveryResult result = segment.recover(0);

        assertThat(result.validBytes()).isEqualTo(size);
        assertThat(result.problem()).isEqualTo("batch base offset 105 where offset 102 was expected");
    }
}
