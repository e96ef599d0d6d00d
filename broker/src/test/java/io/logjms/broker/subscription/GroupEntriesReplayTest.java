package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Message-group owners written as cursor entries into a real {@link PartitionLog} (among messages, other cursor
 * changes, snapshots and another subscription's group entries) replay to the owners a plain map gives for the same
 * changes, and a log cut at any batch gives the owners of the changes before the cut. A failing try prints its seed.
 */
class GroupEntriesReplayTest {
    private static final int PARTITION = 0;
    private static final String ID = "queue/orders";
    private static final long INCARNATION = 3;
    private static final String[] GROUPS = {"customer-1", "customer-2", "customer-3", "kunde-ä", "g"};
    private static final String[] OWNERS = {"c1a-17/1", "c1a-17/2", "c2b-4/1", "c3c-9/7"};

    private enum Kind { GROUP, FREED, SNAPSHOT, FLOOR, ACK, MESSAGE, OTHER_SUBSCRIPTION }

    /** One change; {@code groups} for a snapshot. */
    private record Step(Kind kind, String group, String owner, long offset, Map<String, String> groups) {
    }

    /** Where a step's batches lie in the log: [start, end). */
    private record Written(Step step, long start, long end) {
    }

    @Property(tries = 60)
    void groupEntriesReplayToTheOwnersTheChangesGive(@ForAll long seed) throws IOException {
        withSeed(seed, (dir, random) -> {
            try (Fixture f = new Fixture(dir)) {
                List<Written> written = f.write(steps(random));
                assertOwners(f, written, Long.MAX_VALUE);
            }
        });
    }

    @Property(tries = 60)
    void aLogCutAtAnyBatchGivesTheOwnersOfTheChangesBeforeTheCut(@ForAll long seed) throws IOException {
        withSeed(seed, (dir, random) -> {
            try (Fixture f = new Fixture(dir)) {
                List<Written> written = f.write(steps(random));
                long cut = written.get(random.nextInt(written.size())).start();
                f.log.truncateTo(cut);
                assertOwners(f, written, cut);
            }
        });
    }

    @Test
    void aSnapshotWrittenBeforeGroupsWereReplicatedReadsWithoutGroups() {
        byte[] prefix = CursorEntry.prefix(ID, INCARNATION);
        PartitionState s = new PartitionState();
        s.floor = 5;
        s.deliveredMark = 9;
        s.acked.add(7L);
        s.counts.put(6L, 2);
        byte[] current = CursorEntry.snapshot(prefix, s);
        // the layout before groups: the same without the trailing group count
        ByteBuffer before = ByteBuffer.wrap(current, 0, current.length - 4).slice();
        PartitionState read = new PartitionState();
        read.groups.put("stale", "owner/1");
        assertThat(CursorEntry.applyIfOwn(before, prefix, read)).isEqualTo(CursorEntry.SNAPSHOT);
        assertThat(read.floor).isEqualTo(5);
        assertThat(read.acked).containsExactly(7L);
        assertThat(read.counts).containsEntry(6L, 2);
        assertThat(read.groups).as("a snapshot replaces the owners too").isEmpty();
    }

    @Test
    void aSnapshotCarriesTheOwners() {
        byte[] prefix = CursorEntry.prefix(ID, INCARNATION);
        PartitionState s = new PartitionState();
        s.groups.put("kunde-ä", "c1a-17/1");
        s.groups.put("g", "c2b-4/1");
        byte[] entry = CursorEntry.snapshot(prefix, s);
        assertThat(entry.length).isEqualTo(prefix.length + 1 + CursorEntry.snapshotPayloadBytes(s));
        PartitionState read = new PartitionState();
        CursorEntry.applyIfOwn(ByteBuffer.wrap(entry), prefix, read);
        assertThat(read.groups).isEqualTo(s.groups);
    }

    private static void assertOwners(Fixture f, List<Written> written, long cut) {
        Map<String, String> model = new HashMap<>();
        boolean ours = false;
        for (Written w : written) {
            if (w.start() >= cut) {
                break;
            }
            Step s = w.step();
            switch (s.kind()) {
                case GROUP -> model.put(s.group(), s.owner());
                case FREED -> model.values().removeIf(s.owner()::equals);
                case SNAPSHOT -> {
                    model.clear();
                    model.putAll(s.groups());
                }
                default -> { }
            }
            ours |= s.kind().ordinal() <= Kind.ACK.ordinal();
        }
        PartitionState replayed = CursorLogReplay.replay(f.log, CursorEntry.prefix(ID, INCARNATION),
                f.log.logEndOffset());
        if (!ours) {
            assertThat(replayed).as("no entry of ours below " + cut).isNull();
            return;
        }
        assertThat(replayed).isNotNull();
        assertThat(replayed.groups).as("group owners replayed from the log").isEqualTo(model);
    }

    private static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        int n = 1 + random.nextInt(60);
        for (int i = 0; i < n; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            String group = GROUPS[random.nextInt(GROUPS.length)];
            String owner = OWNERS[random.nextInt(OWNERS.length)];
            Map<String, String> groups = new HashMap<>();
            if (kind == Kind.SNAPSHOT) {
                for (int k = random.nextInt(4); k > 0; k--) {
                    groups.put(GROUPS[random.nextInt(GROUPS.length)], OWNERS[random.nextInt(OWNERS.length)]);
                }
            }
            steps.add(new Step(kind, group, owner, random.nextInt(40), groups));
        }
        return steps;
    }

    /** A real log led by a standalone partition, written through {@link ReplicatedCursorStore}s. */
    private static final class Fixture implements AutoCloseable {
        final PartitionLog log;
        final Partition partition;
        final ReplicatedCursorStore store;
        final ReplicatedCursorStore other;

        Fixture(Path dir) throws IOException {
            log = PartitionLog.open(dir.resolve("log"), new TopicPartition("orders", PARTITION),
                    LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0).segmentBytes(2048)
                            .indexIntervalBytes(1).build(),
                    Clock.systemUTC());
            partition = Partition.leader(log);
            store = new ReplicatedCursorStore(ID, INCARNATION, Map.of(PARTITION, partition), 1000);
            other = new ReplicatedCursorStore("queue/orders2", INCARNATION, Map.of(PARTITION, partition), 1000);
        }

        List<Written> write(List<Step> steps) {
            List<Written> written = new ArrayList<>();
            for (Step s : steps) {
                long start = log.logEndOffset();
                switch (s.kind()) {
                    case GROUP -> store.group(PARTITION, s.group(), s.owner());
                    case FREED -> store.groupsFreed(PARTITION, s.owner());
                    case SNAPSHOT -> {
                        PartitionState state = new PartitionState();
                        state.floor = s.offset();
                        state.deliveredMark = s.offset();
                        state.groups.putAll(s.groups());
                        store.compact(Map.of(PARTITION, state));
                    }
                    case FLOOR -> store.floor(PARTITION, s.offset());
                    case ACK -> store.ack(PARTITION, new long[] {s.offset()}, 1);
                    case MESSAGE -> partition.append(new RecordBatchBuilder().append(1L,
                            s.group().getBytes(StandardCharsets.UTF_8), null, "body".getBytes(StandardCharsets.UTF_8))
                            .build());
                    case OTHER_SUBSCRIPTION -> other.group(PARTITION, s.group(), s.owner());
                }
                store.sync();
                other.sync();
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
        void run(Path dir, Random random) throws IOException;
    }

    private static void withSeed(long seed, Body body) throws IOException {
        Path dir = Files.createTempDirectory("group-replay");
        try {
            body.run(dir, new Random(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("failed with seed " + seed + ": " + e.getMessage(), e);
        } finally {
            deleteAll(dir);
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
