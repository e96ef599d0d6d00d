package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of a whole partition log on disk, with random batches and random segment sizes so that
 * rolls happen. jqwik prints the seed of a failing run; rerun with {@code @Property(seed = "...")}.
 */
class PartitionLogPropertiesTest {
    private static final TopicPartition TP = new TopicPartition("prop", 0);

    /** What a batch is made of: record count, bytes per value, and its max timestamp. */
    record BatchSpec(int records, int valueBytes, long maxTimestamp) {
        ByteBuffer build() {
            RecordBatchBuilder builder = new RecordBatchBuilder();
            for (int i = 0; i < records; i++) {
                byte[] value = new byte[valueBytes];
                for (int j = 0; j < valueBytes; j++) {
                    value[j] = (byte) (maxTimestamp + i + j);
                }
                builder.append(maxTimestamp - (records - 1 - i), null, null, value);
            }
            return builder.build();
        }
    }

    @Provide
    Arbitrary<BatchSpec> batches() {
        return Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.integers().between(0, 200),
                Arbitraries.longs().between(0, 10_000)).as(BatchSpec::new);
    }

    private static LogConfig config(int segmentBytes, int indexIntervalBytes) {
        return LogConfig.builder().segmentBytes(segmentBytes).indexIntervalBytes(indexIntervalBytes)
                .fsyncPolicy(FsyncPolicy.OS).retentionMs(-1).fileDeleteDelayMs(0).build();
    }

    /** A stored batch and where it went. */
    record Stored(ByteBuffer bytes, AppendResult where) {
    }

    private static List<Stored> appendAll(PartitionLog log, List<BatchSpec> specs) {
        List<Stored> stored = new ArrayList<>();
        for (BatchSpec spec : specs) {
            ByteBuffer batch = spec.build();
            AppendResult result = log.append(batch);
            stored.add(new Stored(TestBatches.copy(batch), result));
        }
        return stored;
    }

    /** Reads every batch from the log start, {@code maxBytes} at a time. */
    private static List<ByteBuffer> readAll(PartitionLog log, int maxBytes) {
        List<ByteBuffer> all = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            List<ByteBuffer> batches = log.readBatches(offset, maxBytes);
            assertThat(batches).as("read at %d", offset).isNotEmpty();
            all.addAll(batches);
            offset = RecordBatch.of(batches.get(batches.size() - 1)).nextOffset();
        }
        assertThat(log.read(offset, maxBytes).isEmpty()).isTrue();
        return all;
    }

    @Property(tries = 80)
    void whatIsAppendedReadsBackByteForByte(@ForAll @Size(min = 1, max = 40) List<@From("batches") BatchSpec> specs,
                                            @ForAll @IntRange(min = 100, max = 4000) int segmentBytes,
                                            @ForAll @IntRange(min = 0, max = 1500) int indexIntervalBytes,
                                            @ForAll @IntRange(min = 0, max = 5000) int maxBytes) throws IOException {
        Path dir = TestBatches.tempDir();
        ManualClock clock = new ManualClock(0);
        try {
            List<Stored> stored;
            try (PartitionLog log = PartitionLog.open(dir, TP, config(segmentBytes, indexIntervalBytes), clock)) {
                stored = appendAll(log, specs);
                assertThat(readAll(log, maxBytes)).isEqualTo(stored.stream().map(Stored::bytes).toList());
            }
            try (PartitionLog reopened = PartitionLog.open(dir, TP, config(segmentBytes, indexIntervalBytes), clock)) {
                assertThat(readAll(reopened, maxBytes)).isEqualTo(stored.stream().map(Stored::bytes).toList());
            }
        } finally {
            TestBatches.deleteRecursively(dir);
        }
    }

    @Property(tries = 80)
    void offsetAndTimeLookupsAgreeWithATreeMap(
            @ForAll @Size(min = 1, max = 40) List<@From("batches") BatchSpec> specs,
            @ForAll @IntRange(min = 100, max = 3000) int segmentBytes,
            @ForAll @IntRange(min = 0, max = 1500) int indexIntervalBytes,
            @ForAll @Size(min = 20, max = 20) List<@LongRange(min = -10, max = 10_010) Long> timestamps)
            throws IOException {
        Path dir = TestBatches.tempDir();
        try {
            TreeMap<Long, BatchSpec> model = new TreeMap<>();
            LogConfig config = config(segmentBytes, indexIntervalBytes);
            try (PartitionLog log = PartitionLog.open(dir, TP, config, new ManualClock(0))) {
                for (Stored s : appendAll(log, specs)) {
                    model.put(s.where().baseOffset(), specs.get(model.size()));
                }
                checkLookups(log, model, timestamps);
            }
            try (PartitionLog reopened = PartitionLog.open(dir, TP, config, new ManualClock(0))) {
                checkLookups(reopened, model, timestamps);
            }
        } finally {
            TestBatches.deleteRecursively(dir);
        }
    }

    private static void checkLookups(PartitionLog log, TreeMap<Long, BatchSpec> model, List<Long> timestamps) {
        long end = log.logEndOffset();
        assertThat(end).isEqualTo(model.lastKey() + model.lastEntry().getValue().records());
        for (long offset = 0; offset < end; offset++) {
            FetchData data = log.read(offset, 1);
            assertThat(data.firstBatchOffset()).as("batch of offset %d", offset).isEqualTo(model.floorKey(offset));
            assertThat(data.nextOffset()).isEqualTo(model.floorKey(offset) + model.floorEntry(offset).getValue()
                    .records());
        }
        for (long ts : timestamps) {
            long expected = firstRecordAtOrAfter(model, ts, end);
            assertThat(log.offsetForTimestamp(ts)).as("offset for timestamp %d", ts).isEqualTo(expected);
        }
    }

    /** The model of a time lookup: the first record, in offset order, whose timestamp is at or after {@code ts}. */
    private static long firstRecordAtOrAfter(TreeMap<Long, BatchSpec> model, long ts, long end) {
        for (Map.Entry<Long, BatchSpec> e : model.entrySet()) {
            BatchSpec batch = e.getValue();
            for (int i = 0; i < batch.records(); i++) {
                if (batch.maxTimestamp() - (batch.records() - 1 - i) >= ts) {
                    return e.getKey() + i;
                }
            }
        }
        return end;
    }

    @Property(tries = 100)
    void truncatingASegmentAnywhereKeepsExactlyTheWholeBatchesBeforeTheCut(
            @ForAll @Size(min = 1, max = 30) List<@From("batches") BatchSpec> specs,
            @ForAll @IntRange(min = 100, max = 3000) int segmentBytes,
            @ForAll @IntRange(min = 0, max = 1500) int indexIntervalBytes,
            @ForAll @IntRange(min = 0, max = 1000) int segmentChoice,
            @ForAll @IntRange(min = 0, max = 100_000) int cutChoice,
            @ForAll boolean cleanShutdown) throws IOException {
        Path dir = TestBatches.tempDir();
        try {
            LogConfig config = config(segmentBytes, indexIntervalBytes);
            List<Stored> stored;
            List<SegmentInfo> segments;
            try (PartitionLog log = PartitionLog.open(dir, TP, config, new ManualClock(0))) {
                stored = appendAll(log, specs);
                segments = log.segments();
            }
            SegmentInfo victim = segments.get(segmentChoice % segments.size());
            int cut = cutChoice % (victim.sizeInBytes() + 1);
            try (FileChannel channel = FileChannel.open(LogFileNames.logFile(dir, victim.baseOffset()),
                    StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            if (!cleanShutdown) {
                Files.delete(dir.resolve(LogFileNames.CLEAN_SHUTDOWN_FILE));
            }
            boolean cutAnything = cut < victim.sizeInBytes();
            List<ByteBuffer> expected = new ArrayList<>();
            for (Stored s : stored) {
                long segment = s.where().segmentBaseOffset();
                boolean kept = !cutAnything || segment < victim.baseOffset()
                        || (segment == victim.baseOffset() && s.where().position() + s.where().sizeInBytes() <= cut);
                if (kept) {
                    expected.add(s.bytes());
                }
            }
            long expectedEnd = expected.isEmpty() ? (cutAnything ? victim.baseOffset() : 0)
                    : RecordBatch.of(expected.get(expected.size() - 1)).nextOffset();

            try (PartitionLog recovered = PartitionLog.open(dir, TP, config, new ManualClock(0))) {
                assertThat(recovered.logEndOffset()).isEqualTo(expectedEnd);
                assertThat(readAll(recovered, Integer.MAX_VALUE)).isEqualTo(expected);
                for (ByteBuffer b : expected) {
                    RecordBatch batch = RecordBatch.of(b);
                    assertThat(recovered.read(batch.lastOffset(), 1).firstBatchOffset()).isEqualTo(batch.baseOffset());
                }
                ByteBuffer next = specs.get(0).build();
                assertThat(recovered.append(next).baseOffset()).isEqualTo(expectedEnd);
                expected.add(TestBatches.copy(next));
            }
            try (PartitionLog reopened = PartitionLog.open(dir, TP, config, new ManualClock(0))) {
                assertThat(readAll(reopened, 1000)).isEqualTo(expected);
            }
        } finally {
            TestBatches.deleteRecursively(dir);
        }
    }

    @Property(tries = 100)
    void retentionNeverDeletesUnexpiredData(@ForAll @Size(min = 1, max = 30) List<@From("batches") BatchSpec> specs,
                                            @ForAll @IntRange(min = 100, max = 2000) int segmentBytes,
                                            @ForAll @LongRange(min = -1, max = 12_000) long retentionMs,
                                            @ForAll boolean sizeLimited,
                                            @ForAll @LongRange(min = 0, max = 20_000) long retentionBytes,
                                            @ForAll @LongRange(min = 0, max = 25_000) long now,
                                            @ForAll @IntRange(min = -1, max = 29) int cutoffAtBatch)
            throws IOException {
        if (cutoffAtBatch >= 0 && retentionMs != -1) {
            // Put the cutoff exactly on a batch's timestamp: the boundary must be kept.
            retentionMs = Math.max(0, now - specs.get(cutoffAtBatch % specs.size()).maxTimestamp());
            now = Math.max(now, specs.get(cutoffAtBatch % specs.size()).maxTimestamp());
        }
        Path dir = TestBatches.tempDir();
        ManualClock clock = new ManualClock(now);
        LogConfig config = LogConfig.builder().segmentBytes(segmentBytes).fsyncPolicy(FsyncPolicy.OS)
                .retentionMs(retentionMs).retentionBytes(sizeLimited ? retentionBytes : -1).fileDeleteDelayMs(0)
                .build();
        try (PartitionLog log = PartitionLog.open(dir, TP, config, clock)) {
            List<Stored> stored = appendAll(log, specs);
            List<SegmentInfo> before = log.segments();

            log.deleteOldSegments();

            long start = log.logStartOffset();
            List<SegmentInfo> after = log.segments();
            assertThat(after.get(after.size() - 1)).isEqualTo(before.get(before.size() - 1));
            assertThat(after).isEqualTo(before.subList(before.size() - after.size(), before.size()));
            long total = before.stream().mapToLong(SegmentInfo::sizeInBytes).sum();
            for (SegmentInfo deleted : before.subList(0, before.size() - after.size())) {
                boolean expired = retentionMs != -1 && deleted.largestTimestamp() < now - retentionMs;
                boolean overSize = sizeLimited && total > retentionBytes;
                assertThat(expired || overSize).as("segment %s had to go", deleted).isTrue();
                total -= deleted.sizeInBytes();
            }
            if (!sizeLimited) {
                for (int i = 0; i < specs.size(); i++) {
                    boolean unexpired = retentionMs == -1 || specs.get(i).maxTimestamp() >= now - retentionMs;
                    if (unexpired) {
                        assertThat(stored.get(i).where().baseOffset()).as("unexpired batch %d", i)
                                .isGreaterThanOrEqualTo(start);
                    }
                }
            } else if (after.size() > 1) {
                SegmentInfo oldestKept = after.get(0);
                boolean keptExpired = retentionMs != -1 && oldestKept.largestTimestamp() < now - retentionMs;
                assertThat(total <= retentionBytes && !keptExpired).as("retention stopped too early").isTrue();
            }
            List<ByteBuffer> remaining = stored.stream().filter(s -> s.where().baseOffset() >= start)
                    .map(Stored::bytes).toList();
            assertThat(readAll(log, Integer.MAX_VALUE)).isEqualTo(remaining);
        } finally {
            TestBatches.deleteRecursively(dir);
        }
    }
}
