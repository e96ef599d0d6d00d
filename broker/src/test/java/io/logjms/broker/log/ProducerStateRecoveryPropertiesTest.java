package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Producer-state recovery from a log cut at any byte: batches of several producers are appended, one
 * segment file is cut at a random byte, and the log reopened with its snapshots kept, deleted or damaged.
 * The rebuilt state must equal the state a model computes from the batches that survived. jqwik prints the
 * seed of a failing run; rerun with {@code @Property(seed = "...")}.
 */
class ProducerStateRecoveryPropertiesTest {
    private static final TopicPartition TP = new TopicPartition("recover", 0);
    private static final long FIRST_PRODUCER = 1_000;

    enum SnapshotCase { KEPT, DELETED, CORRUPTED }

    /** One appended batch as the model sees it. */
    private record Appended(long producerId, BatchMetadata meta, AppendResult where) {
    }

    @Property(tries = 100)
    void theStateRebuiltAfterACutEqualsTheStateOfTheSurvivingBatches(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 2) Integer> producers,
            @ForAll @Size(min = 40, max = 40) List<@IntRange(min = 1, max = 4) Integer> recordCounts,
            @ForAll @IntRange(min = 150, max = 1500) int segmentBytes,
            @ForAll @IntRange(min = 0, max = 1000) int segmentChoice,
            @ForAll @IntRange(min = 0, max = 100_000) int cutChoice,
            @ForAll SnapshotCase snapshots,
            @ForAll boolean cleanShutdown) throws IOException {
        Path dir = TestBatches.tempDir();
        try {
            LogConfig config = LogConfig.builder().segmentBytes(segmentBytes).fsyncPolicy(FsyncPolicy.OS)
                    .retentionMs(-1).build();
            List<Appended> appended = new ArrayList<>();
            List<SegmentInfo> segments;
            try (PartitionLog log = PartitionLog.open(dir, TP, config, new ManualClock(0))) {
                int[] next = new int[3];
                for (int i = 0; i < producers.size(); i++) {
                    int p = producers.get(i);
                    int n = recordCounts.get(i);
                    ByteBuffer batch = ProducerStateTest.batch(FIRST_PRODUCER + p, 0, next[p], n);
                    AppendResult r = log.append(batch);
                    appended.add(new Appended(FIRST_PRODUCER + p, new BatchMetadata(next[p], next[p] + n - 1,
                            r.baseOffset(), r.lastOffset(), 1_000 + next[p] + n - 1), r));
                    next[p] += n;
                }
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
            damageSnapshots(dir, snapshots, cutChoice);

            boolean cutAnything = cut < victim.sizeInBytes();
            Map<Long, List<BatchMetadata>> expected = new TreeMap<>();
            for (Appended a : appended) {
                long segment = a.where().segmentBaseOffset();
                boolean kept = !cutAnything || segment < victim.baseOffset()
                        || (segment == victim.baseOffset() && a.where().position() + a.where().sizeInBytes() <= cut);
                if (kept) {
                    List<BatchMetadata> window = expected.computeIfAbsent(a.producerId(), k -> new ArrayList<>());
                    window.add(a.meta());
                    if (window.size() > ProducerStateEntry.MAX_BATCHES) {
                        window.remove(0);
                    }
                }
            }

            try (PartitionLog recovered = PartitionLog.open(dir, TP, config, new ManualClock(0))) {
                Map<Long, List<BatchMetadata>> actual = new TreeMap<>();
                recovered.producerStateSnapshot().forEach((id, state) -> {
                    assertThat(state.epoch()).isZero();
                    actual.put(id, state.batches());
                });
                assertThat(actual).isEqualTo(expected);
                for (Map.Entry<Long, List<BatchMetadata>> e : expected.entrySet()) {
                    BatchMetadata last = e.getValue().get(e.getValue().size() - 1);
                    int count = last.lastSequence() - last.firstSequence() + 1;
                    AppendResult again = recovered.append(ProducerStateTest.batch(e.getKey(), 0, last.firstSequence(),
                            count));
                    assertThat(again.duplicate()).as("resend of the last surviving batch").isTrue();
                    assertThat(again.baseOffset()).isEqualTo(last.firstOffset());
                }
            }
        } finally {
            TestBatches.deleteRecursively(dir);
        }
    }

    private static void damageSnapshots(Path dir, SnapshotCase how, int choice) throws IOException {
        for (Path snapshot : ProducerStateSnapshots.list(dir).values()) {
            switch (how) {
                case KEPT -> {
                }
                case DELETED -> Files.delete(snapshot);
                case CORRUPTED -> {
                    byte[] bytes = Files.readAllBytes(snapshot);
                    if (choice % 2 == 0) {
                        bytes[choice % bytes.length] ^= 0x5A;
                        Files.write(snapshot, bytes);
                    } else {
                        Files.write(snapshot, java.util.Arrays.copyOf(bytes, choice % bytes.length));
                    }
                }
            }
        }
    }
}
