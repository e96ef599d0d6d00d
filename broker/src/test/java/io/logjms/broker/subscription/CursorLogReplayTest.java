package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.SegmentInfo;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.protocol.record.RecordBatchLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Cursor entries written as control batches into a real {@link PartitionLog} and replayed from it give the state
 * {@link CursorJournal} gives for the same changes, whatever else the log holds (messages, entries of other
 * subscriptions and incarnations, epoch markers), and a truncated tail takes exactly its entries away. A failing
 * try prints its seed.
 */
class CursorLogReplayTest {
    private static final int PARTITION = 0;
    private static final String ID = "queue/orders";
    private static final long INCARNATION = 7;

    /** One step written to the log: a change of ours, or something else a partition's log holds. */
    private record Step(Kind kind, long offset, int count, long[] offsets, PartitionState snapshot) {
    }

    private enum Kind { ACK, COUNT, MARK, FLOOR, SNAPSHOT, HOLD, GROUP, MESSAGE, OTHER_SUBSCRIPTION, OTHER_INCARNATION, MARKER }

    /** Where a step's batch lies in the log: [start, end). */
    private record Written(Step step, long start, long end) {
    }

    @Property(tries = 60)
    void replayingTheLogGivesTheStateTheJournalGivesForTheSameChanges(@ForAll long seed) throws IOException {
        withSeed(seed, () -> {
            Path dir = Files.createTempDirectory("cursor-replay");
            try {
                List<Step> steps = steps(new Random(seed));
                try (Fixture f = new Fixture(dir)) {
                    List<Written> written = f.write(steps);
                    assertSame(CursorLogReplay.replay(f.log, CursorEntry.prefix(ID, INCARNATION), f.log.logEndOffset()),
                            model(dir.resolve("model"), written, Long.MAX_VALUE), written, Long.MAX_VALUE);
                }
            } finally {
                deleteAll(dir);
            }
        });
    }

    @Property(tries = 60)
    void aTruncatedTailTakesAwayExactlyTheEntriesInIt(@ForAll long seed) throws IOException {
        withSeed(seed, () -> {
            Path dir = Files.createTempDirectory("cursor-replay");
            try {
                Random random = new Random(seed);
                List<Step> steps = steps(random);
                try (Fixture f = new Fixture(dir)) {
                    List<Written> written = f.write(steps);
                    long cut = written.get(random.nextInt(written.size())).start();
                    f.log.truncateTo(cut);
                    assertThat(f.log.logEndOffset()).isEqualTo(cut);
                    assertSame(CursorLogReplay.replay(f.log, CursorEntry.prefix(ID, INCARNATION), f.log.logEndOffset()),
                            model(dir.resolve("model"), written, cut), written, cut);
                }
            } finally {
                deleteAll(dir);
            }
        });
    }

    @Property(tries = 80)
    void aReplayFromAnyCheckpointAfterAnyTruncationGivesTheStateOfTheWholeReplay(@ForAll long seed)
            throws IOException {
        withSeed(seed, () -> {
            Path dir = Files.createTempDirectory("cursor-checkpoint");
            try {
                Random random = new Random(seed);
                List<Step> steps = steps(random);
                try (Fixture f = new Fixture(dir)) {
                    List<Written> written = f.write(steps);
                    int last = random.nextInt(written.size());
                    long at = written.get(last).end();
                    writeCheckpoint(f.log, written.get(random.nextInt(last + 1)).end(), at);
                    long cut = random.nextInt(4) == 0 ? f.log.logEndOffset()
                            : written.get(random.nextInt(written.size())).start();
                    f.log.truncateTo(cut);
                    boolean rewritten = cut < at && random.nextBoolean();
                    while (rewritten && f.log.logEndOffset() <= at) {
                        // a newer leader's records where the truncated ones were: same offsets, other batches
                        f.log.append(new RecordBatchBuilder().append(2L, null, null,
                                "other".getBytes(StandardCharsets.UTF_8)).build(), 1);
                    }
                    long end = f.log.logEndOffset();
                    CursorCheckpoint usable = CursorCheckpointFile.usable(f.log, end);
                    assertThat(usable.isNone()).as("checkpoint at " + at + " discarded after a cut at " + cut
                            + (rewritten ? " and records written again" : "")).isEqualTo(cut < at);
                    for (byte[] prefix : PREFIXES) {
                        assertEqualStates(CursorLogReplay.replay(f.log, prefix, end, usable),
                                CursorLogReplay.replay(f.log, prefix, end), 0);
                    }
                }
            } finally {
                deleteAll(dir);
            }
        });
    }

    @Property(tries = 60)
    void aCheckpointKeepsTheStateWhenRetentionRemovesTheRecordsBeforeIt(@ForAll long seed) throws IOException {
        withSeed(seed, () -> {
            Path dir = Files.createTempDirectory("cursor-checkpoint");
            try {
                Random random = new Random(seed);
                List<Step> steps = steps(random);
                try (Fixture f = new Fixture(dir)) {
                    List<Written> written = f.write(steps);
                    int last = random.nextInt(written.size());
                    long at = written.get(last).end();
                    writeCheckpoint(f.log, written.get(random.nextInt(last + 1)).end(), at);
                    long end = f.log.logEndOffset();
                    List<PartitionState> whole = new ArrayList<>();
                    for (byte[] prefix : PREFIXES) {
                        whole.add(CursorLogReplay.replay(f.log, prefix, end));
                    }
                    removeSegmentsBelow(f.log, at);
                    assertThat(f.log.logStartOffset()).isLessThanOrEqualTo(at);
                    CursorCheckpoint usable = CursorCheckpointFile.usable(f.log, end);
                    assertThat(usable.isNone()).as("a checkpoint survives retention").isFalse();
                    for (int i = 0; i < PREFIXES.size(); i++) {
                        assertEqualStates(CursorLogReplay.replay(f.log, PREFIXES.get(i), end, usable), whole.get(i),
                                f.log.logStartOffset());
                    }
                }
            } finally {
                deleteAll(dir);
            }
        });
    }

    /** Every subscription incarnation the fixture writes entries of. */
    private static final List<byte[]> PREFIXES = List.of(CursorEntry.prefix(ID, INCARNATION),
            CursorEntry.prefix("queue/order", INCARNATION), CursorEntry.prefix(ID, INCARNATION - 1));

    /** Writes the checkpoint a {@link CursorCheckpointWriter} would after runs up to {@code first}, then {@code at}. */
    private static void writeCheckpoint(PartitionLog log, long first, long at) throws IOException {
        CursorReplayer every = new CursorReplayer(log, null, CursorCheckpoint.NONE);
        every.replayTo(first);
        every.forgetControlsBelowFloors();
        every.replayTo(at);
        every.forgetControlsBelowFloors();
        assertThat(every.position()).isEqualTo(at);
        CursorCheckpointFile.write(CursorCheckpointFile.in(log), every.checkpoint());
    }

    /** Retention by size, set so that it removes exactly the segments that end at or below {@code offset}. */
    private static void removeSegmentsBelow(PartitionLog log, long offset) {
        List<SegmentInfo> segments = log.segments();
        long total = segments.stream().mapToLong(SegmentInfo::sizeInBytes).sum();
        long removed = 0;
        for (SegmentInfo s : segments.subList(0, segments.size() - 1)) {
            if (s.nextOffset() > offset) {
                break;
            }
            removed += s.sizeInBytes();
        }
        if (removed > 0) {
            log.updateConfig(log.config().toBuilder().retentionMs(LogConfig.UNLIMITED).retentionBytes(total - removed)
                    .build());
            assertThat(log.deleteOldSegments()).isPositive();
        }
    }

    /**
     * Asserts that two replays give the same state as a dispatcher sees it from {@code start} on (what lies below
     * the log start is gone: the floor moves up to it, as the dispatcher moves it).
     */
    private static void assertEqualStates(PartitionState actual, PartitionState expected, long start) {
        if (expected == null) {
            assertThat(actual).as("no entry of the subscription").isNull();
            return;
        }
        assertThat(actual).as("state").isNotNull();
        PartitionState a = seenFrom(actual, start);
        PartitionState e = seenFrom(expected, start);
        assertThat(a.floor).as("floor").isEqualTo(e.floor);
        assertThat(a.deliveredMark).as("delivered mark").isEqualTo(e.deliveredMark);
        assertThat(a.acked).as("acknowledged above the floor").isEqualTo(e.acked);
        assertThat(a.counts).as("delivery counts").isEqualTo(e.counts);
        assertThat(a.holds).as("records held for transactions").isEqualTo(e.holds);
        assertThat(a.groups).as("message-group owners").isEqualTo(e.groups);
    }

    private static PartitionState seenFrom(PartitionState s, long start) {
        PartitionState seen = new PartitionState();
        seen.floor = Math.max(s.floor, start);
        seen.deliveredMark = Math.max(s.deliveredMark, start);
        s.counts.forEach((o, c) -> {
            if (o >= seen.floor) {
                seen.counts.put(o, c);
            }
        });
        s.acked.forEach(o -> {
            if (o >= seen.floor) {
                seen.ack(o);
            }
        });
        s.holds.forEach((o, id) -> {
            if (o >= seen.floor && !seen.acked.contains(o)) {
                seen.holds.put(o, id);
            }
        });
        seen.groups.putAll(s.groups);
        return seen;
    }

    @Test
    void aLogWithoutEntriesOfTheSubscriptionHasNoState() throws IOException {
        Path dir = Files.createTempDirectory("cursor-replay");
        try (Fixture f = new Fixture(dir)) {
            f.write(List.of(new Step(Kind.MESSAGE, 0, 0, null, null), new Step(Kind.OTHER_SUBSCRIPTION, 3, 0, null, null),
                    new Step(Kind.OTHER_INCARNATION, 4, 0, null, null), new Step(Kind.MARKER, 0, 0, null, null)));
            assertThat(CursorLogReplay.replay(f.log, CursorEntry.prefix(ID, INCARNATION), f.log.logEndOffset())).isNull();
        } finally {
            deleteAll(dir);
        }
    }

    @Test
    void theFloorMovesPastTheEntriesTheSubscriptionsOwnAcknowledgementsWrite() throws IOException {
        Path dir = Files.createTempDirectory("cursor-replay");
        try (Fixture f = new Fixture(dir)) {
            f.write(List.of(new Step(Kind.FLOOR, 0, 0, null, null), new Step(Kind.MESSAGE, 0, 0, null, null),
                    new Step(Kind.MESSAGE, 0, 0, null, null)));
            // messages at 1 and 2, acknowledged by the entry at 3
            f.write(List.of(new Step(Kind.ACK, 0, 0, new long[] {1, 2}, null)));
            PartitionState s = CursorLogReplay.replay(f.log, CursorEntry.prefix(ID, INCARNATION), f.log.logEndOffset());
            assertThat(s.floor).as("0 (the floor entry), 1, 2 and the ack entry at 3 are done").isEqualTo(4);
            assertThat(s.acked).isEmpty();
        } finally {
            deleteAll(dir);
        }
    }

    @Test
    void aDamagedEntryOfTheSubscriptionFailsTheReplaySayingWhy() {
        byte[] prefix = CursorEntry.prefix(ID, INCARNATION);
        byte[] entry = CursorEntry.count(prefix, 5, 2);
        ByteBuffer cut = ByteBuffer.wrap(entry, 0, entry.length - 2).slice();
        assertThatThrownBy(() -> CursorEntry.applyIfOwn(cut, prefix, new PartitionState()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends inside its payload");
        assertThat(CursorEntry.applyIfOwn(ByteBuffer.wrap(entry), CursorEntry.prefix(ID, INCARNATION + 1),
                new PartitionState())).as("another incarnation's entry is skipped").isZero();
        assertThat(CursorEntry.applyIfOwn(ByteBuffer.wrap(entry), CursorEntry.prefix("queue/order", INCARNATION),
                new PartitionState())).as("another subscription's entry is skipped").isZero();
    }

    private static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Kind.FLOOR, random.nextInt(5), 0, null, null));
        int n = 1 + random.nextInt(80);
        for (int i = 0; i < n; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            long near = random.nextInt(60);
            steps.add(switch (kind) {
                case ACK -> new Step(kind, 0, 0, random.longs(1 + random.nextInt(6), 0, 60).toArray(), null);
                case COUNT -> new Step(kind, near, 2 + random.nextInt(4), null, null);
                case SNAPSHOT -> new Step(kind, 0, 0, null, randomState(random));
                // offset: the transaction; count 1 holds, 0 gives back
                case HOLD -> new Step(kind, 1 + random.nextInt(3), random.nextInt(4) == 0 ? 0 : 1,
                        random.longs(1 + random.nextInt(4), 0, 60).toArray(), null);
                // offset: the group (or the freed owner); count: the owner, -1 frees
                case GROUP -> new Step(kind, random.nextInt(4), random.nextInt(4) - 1, null, null);
                default -> new Step(kind, near, 0, null, null);
            });
        }
        return steps;
    }

    private static PartitionState randomState(Random random) {
        PartitionState s = new PartitionState();
        s.floor = random.nextInt(30);
        s.deliveredMark = s.floor + random.nextInt(40);
        for (int i = random.nextInt(5); i > 0; i--) {
            s.acked.add(s.floor + 1 + random.nextInt(30));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            long o = s.floor + 1 + random.nextInt(30);
            if (!s.acked.contains(o)) {
                s.counts.put(o, 2 + random.nextInt(3));
            }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            long o = s.floor + 1 + random.nextInt(30);
            if (!s.acked.contains(o)) {
                s.holds.put(o, new TransactionId(0, 1 + random.nextInt(3)));
            }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            s.groups.put("g" + random.nextInt(4), "owner" + random.nextInt(3));
        }
        return s;
    }

    /**
     * What {@link CursorJournal} holds after our changes of the steps written below {@code cut}, each followed by
     * the acknowledgement of the control records it wrote (as a dispatcher marks them done), and a change that
     * resets the state above its floor (floor, snapshot) by the acknowledgement of every control record before it.
     */
    private static PartitionState model(Path dir, List<Written> written, long cut) {
        CursorJournal journal = new CursorJournal(dir);
        journal.load();
        List<Long> controls = new ArrayList<>();
        for (Written w : written) {
            if (w.start() >= cut) {
                break;
            }
            Step s = w.step();
            switch (s.kind()) {
                case ACK -> journal.ack(PARTITION, s.offsets(), s.offsets().length);
                case COUNT -> journal.count(PARTITION, s.offset(), s.count());
                case MARK -> journal.mark(PARTITION, s.offset());
                case FLOOR -> journal.floor(PARTITION, s.offset());
                case SNAPSHOT -> journal.compact(Map.of(PARTITION, s.snapshot()));
                default -> { }
            }
            if (s.kind() == Kind.FLOOR || s.kind() == Kind.SNAPSHOT) {
                controls.forEach(o -> journal.ack(PARTITION, new long[] {o}, 1));
            }
            if (s.kind() != Kind.MESSAGE) {
                for (long o = w.start(); o < w.end(); o++) {
                    journal.ack(PARTITION, new long[] {o}, 1);
                    controls.add(o);
                }
            }
        }
        journal.close();
        Map<Integer, PartitionState> loaded = new CursorJournal(dir).load();
        return loaded.get(PARTITION);
    }

    private static void assertSame(PartitionState replayed, PartitionState model, List<Written> written, long cut) {
        boolean ours = written.stream().anyMatch(w -> w.start() < cut && w.step().kind().ordinal() <= Kind.GROUP.ordinal());
        if (!ours) {
            assertThat(replayed).as("no entry of ours below " + cut).isNull();
            return;
        }
        assertThat(replayed).as("state replayed from the log").isNotNull();
        assertThat(replayed.floor).as("floor").isEqualTo(model.floor);
        assertThat(replayed.deliveredMark).as("delivered mark").isEqualTo(model.deliveredMark);
        assertThat(replayed.acked).as("acknowledged above the floor").isEqualTo(model.acked);
        assertThat(replayed.counts).as("delivery counts").isEqualTo(model.counts);
    }

    /** A real log led by a standalone partition, written through a {@link ReplicatedCursorStore}. */
    private static final class Fixture implements AutoCloseable {
        final PartitionLog log;
        final Partition partition;
        final ReplicatedCursorStore store;
        final ReplicatedCursorStore otherSubscription;
        final ReplicatedCursorStore otherIncarnation;

        Fixture(Path dir) throws IOException {
            log = PartitionLog.open(dir.resolve("log"), new TopicPartition("orders", PARTITION),
                    LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0).segmentBytes(2048)
                            .indexIntervalBytes(1).build(),
                    Clock.systemUTC());
            partition = Partition.leader(log);
            store = new ReplicatedCursorStore(ID, INCARNATION, Map.of(PARTITION, partition), 1000);
            otherSubscription = new ReplicatedCursorStore("queue/order", INCARNATION, Map.of(PARTITION, partition), 1000);
            otherIncarnation = new ReplicatedCursorStore(ID, INCARNATION - 1, Map.of(PARTITION, partition), 1000);
        }

        List<Written> write(List<Step> steps) {
            List<Written> written = new ArrayList<>();
            for (Step s : steps) {
                long start = log.logEndOffset();
                switch (s.kind()) {
                    case ACK -> store.ack(PARTITION, s.offsets(), s.offsets().length);
                    case COUNT -> store.count(PARTITION, s.offset(), s.count());
                    case MARK -> store.mark(PARTITION, s.offset());
                    case FLOOR -> store.floor(PARTITION, s.offset());
                    case SNAPSHOT -> store.compact(Map.of(PARTITION, s.snapshot()));
                    case HOLD -> store.hold(PARTITION, new TransactionId(0, s.offset()), s.offsets(),
                            s.offsets().length, s.count() == 1);
                    case GROUP -> {
                        if (s.count() >= 0) {
                            store.group(PARTITION, "g" + s.offset(), "owner" + s.count());
                        } else {
                            store.groupsFreed(PARTITION, "owner" + s.offset());
                        }
                    }
                    case MESSAGE -> partition.append(new RecordBatchBuilder().append(1L, null, null,
                            "body".getBytes(StandardCharsets.UTF_8)).build());
                    case OTHER_SUBSCRIPTION -> otherSubscription.floor(PARTITION, s.offset());
                    case OTHER_INCARNATION -> otherIncarnation.ack(PARTITION, new long[] {s.offset()}, 1);
                    case MARKER -> partition.append(new RecordBatchBuilder().attributes(RecordBatchLayout.ATTR_CONTROL)
                            .append(1L, "logjms.epoch-start".getBytes(StandardCharsets.UTF_8), null, new byte[4]).build());
                }
                store.sync();
                otherSubscription.sync();
                otherIncarnation.sync();
                written.add(new Written(s, start, log.logEndOffset()));
            }
            return written;
        }

        @Override
        public void close() {
            log.close();
        }
    }

    private interface Body {
        void run() throws IOException;
    }

    private static void withSeed(long seed, Body body) throws IOException {
        try {
            body.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("failed with seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
