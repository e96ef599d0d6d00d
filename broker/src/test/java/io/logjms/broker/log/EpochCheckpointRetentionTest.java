package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.LeaderEpochCache.EpochEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention trims the leader-epoch checkpoint as Kafka's {@code truncateFromStart} does: entries wholly
 * below the new log start go, and the epoch the log start falls in starts there.
 */
@Timeout(20)
class EpochCheckpointRetentionTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    @Test
    void removingWholeSegmentsDropsTheEpochsBelowTheNewLogStartAndRaisesTheOneItFallsIn() throws IOException {
        int size = batch(1, 100, 1).remaining();
        LogConfig config = LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0).segmentBytes(size)
                .retentionMs(-1).retentionBytes(3L * size).build();
        ManualClock clock = new ManualClock(1_000_000);
        int[] epochs = {0, 0, 2, 2, 5, 5};
        try (PartitionLog log = PartitionLog.open(dir, TP, config, clock)) {
            for (int epoch : epochs) {
                log.append(batch(1, 100, 1), epoch);
            }
            assertThat(log.epochEntries()).containsExactly(new EpochEntry(0, 0), new EpochEntry(2, 2),
                    new EpochEntry(5, 4));

            assertThat(log.deleteOldSegments()).isEqualTo(3);

            assertThat(log.logStartOffset()).isEqualTo(3);
            assertThat(log.epochEntries()).containsExactly(new EpochEntry(2, 3), new EpochEntry(5, 4));
            assertThat(log.endOffsetFor(2).endOffset()).isEqualTo(4);
            assertThat(log.endOffsetFor(1).undefined()).as("epoch 0 wrote nothing that is left").isTrue();
            assertThat(log.latestEpoch()).isEqualTo(5);
        }
        try (PartitionLog reopened = PartitionLog.open(dir, TP, config, clock)) {
            assertThat(reopened.epochEntries()).as("the checkpoint file says so")
                    .containsExactly(new EpochEntry(2, 3), new EpochEntry(5, 4));
        }
    }

    @Test
    void entriesLeftBelowTheLogStartByACrashAreDroppedAtOpen() throws IOException {
        int size = batch(1, 100, 1).remaining();
        LogConfig config = LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0).segmentBytes(size)
                .retentionMs(-1).build();
        ManualClock clock = new ManualClock(1_000_000);
        try (PartitionLog log = PartitionLog.open(dir, TP, config, clock)) {
            log.append(batch(1, 100, 1), 1);
            log.append(batch(1, 100, 1), 3);
            log.append(batch(1, 100, 1), 3);
        }
        byte[] checkpoint = Files.readAllBytes(dir.resolve(LeaderEpochCache.FILE_NAME));
        // as a crash after retention removed the first two segments and before the checkpoint was rewritten
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("00000000000000000000")
                    || f.getFileName().toString().startsWith("00000000000000000001")).toList()) {
                Files.delete(f);
            }
        }
        Files.write(dir.resolve(LeaderEpochCache.FILE_NAME), checkpoint);

        try (PartitionLog reopened = PartitionLog.open(dir, TP, config, clock)) {
            assertThat(reopened.logStartOffset()).isEqualTo(2);
            assertThat(reopened.epochEntries()).containsExactly(new EpochEntry(3, 2));
        }
    }

    @Property(tries = 100)
    void truncatingFromTheStartKeepsEveryAnswerAtOrAboveTheNewStart(@ForAll("checkpoints") List<EpochEntry> written,
                                                                    @ForAll("offsets") long newStart) throws IOException {
        Path checkpointDir = Files.createTempDirectory("epochs");
        try {
            long logEnd = 1_000;
            LeaderEpochCache cache = LeaderEpochCache.load(checkpointDir, TP, logEnd);
            written.forEach(e -> assign(cache, e));
            List<LeaderEpochCache.EpochEndOffset> before = answers(cache, written, logEnd);

            cache.truncateFromStart(newStart);

            List<EpochEntry> left = cache.entries();
            assertThat(left).as("nothing starts below the log start").allMatch(e -> e.startOffset() >= newStart);
            assertThat(cache.latestEpoch()).isEqualTo(written.isEmpty() ? LeaderEpochCache.UNDEFINED_EPOCH
                    : written.get(written.size() - 1).epoch());
            boolean coversStart = written.stream().anyMatch(e -> e.startOffset() <= newStart);
            if (coversStart) {
                EpochEntry covering = written.stream().filter(e -> e.startOffset() <= newStart)
                        .max(Comparator.comparingLong(EpochEntry::startOffset)
                                .thenComparingInt(EpochEntry::epoch)).orElseThrow();
                assertThat(left.get(0)).as("the epoch the log start falls in starts there")
                        .isEqualTo(new EpochEntry(covering.epoch(), newStart));
            }
            assertThat(left).as("entries at or after the log start are kept")
                    .containsAll(written.stream().filter(e -> e.startOffset() > newStart).toList());
            List<LeaderEpochCache.EpochEndOffset> after = answers(cache, written, logEnd);
            for (int q = 0; q < before.size(); q++) {
                if (before.get(q).endOffset() > newStart) {
                    assertThat(after.get(q)).as("asked for epoch %d, which ends above the log start", q - 1)
                            .isEqualTo(before.get(q));
                }
            }
            assertThat(LeaderEpochCache.load(checkpointDir, TP, logEnd).entries()).as("written through")
                    .isEqualTo(left);
        } finally {
            try (Stream<Path> files = Files.list(checkpointDir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(checkpointDir);
        }
    }

    private static void assign(LeaderEpochCache cache, EpochEntry e) {
        try {
            cache.assign(e.epoch(), e.startOffset());
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** The answers of {@link LeaderEpochCache#endOffsetFor} for every epoch from -1 to one past the latest written. */
    private static List<LeaderEpochCache.EpochEndOffset> answers(LeaderEpochCache cache, List<EpochEntry> written,
                                                                long logEnd) {
        int latest = written.isEmpty() ? 0 : written.get(written.size() - 1).epoch();
        List<LeaderEpochCache.EpochEndOffset> answers = new ArrayList<>();
        for (int epoch = -1; epoch <= latest + 1; epoch++) {
            answers.add(cache.endOffsetFor(epoch, logEnd));
        }
        return answers;
    }

    @Provide
    Arbitrary<List<EpochEntry>> checkpoints() {
        // growing epochs with non-decreasing start offsets, as appends write them
        return Combinators.combine(Arbitraries.integers().between(1, 5).list().ofMaxSize(8),
                Arbitraries.longs().between(0, 120).list().ofMaxSize(8)).as((epochSteps, starts) -> {
                    List<Long> sorted = starts.stream().sorted().toList();
                    List<EpochEntry> entries = new ArrayList<>();
                    int epoch = -1;
                    for (int i = 0; i < Math.min(epochSteps.size(), sorted.size()); i++) {
                        epoch += epochSteps.get(i);
                        entries.add(new EpochEntry(epoch, sorted.get(i)));
                    }
                    return entries;
                });
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs().between(0, 130);
    }
}
