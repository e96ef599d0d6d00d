package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CursorJournalTest {
    @TempDir
    Path dir;

    @Test
    void stateSurvivesReopenAndCompaction() {
        try (CursorJournal j = new CursorJournal(dir)) {
            assertThat(j.load()).isEmpty();
            j.ack(0, new long[] {0, 1, 3}, 3);
            j.count(0, 2, 4);
            j.mark(0, 10);
            j.ack(1, new long[] {5}, 1);
            j.sync();
        }
        Map<Integer, CursorJournal.PartitionState> state;
        try (CursorJournal j = new CursorJournal(dir)) {
            state = j.load();
            assertThat(state.get(0).floor).isEqualTo(2);
            assertThat(state.get(0).acked).containsExactly(3L);
            assertThat(state.get(0).counts).containsEntry(2L, 4);
            assertThat(state.get(0).deliveredMark).isEqualTo(10);
            assertThat(state.get(1).acked).containsExactly(5L);
            j.compact(state);
            j.ack(0, new long[] {2}, 1);
            j.sync();
        }
        try (CursorJournal j = new CursorJournal(dir)) {
            state = j.load();
            assertThat(state.get(0).floor).isEqualTo(4);
            assertThat(state.get(0).counts).isEmpty();
            assertThat(state.get(0).deliveredMark).isEqualTo(10);
        }
    }

    @Test
    void floorEntryResetsState() {
        try (CursorJournal j = new CursorJournal(dir)) {
            j.load();
            j.ack(0, new long[] {0, 5}, 2);
            j.floor(0, 100);
            j.sync();
        }
        try (CursorJournal j = new CursorJournal(dir)) {
            CursorJournal.PartitionState p = j.load().get(0);
            assertThat(p.floor).isEqualTo(100);
            assertThat(p.acked).isEmpty();
        }
    }

    /** Cutting the journal at any byte keeps exactly the whole entries before the cut. */
    @Property(tries = 60)
    void tornTailKeepsWholeEntries(@ForAll @IntRange(min = 0, max = 400) int cut) throws IOException {
        Path d = Files.createTempDirectory("cursor");
        try {
            try (CursorJournal j = new CursorJournal(d)) {
                j.load();
                for (long o = 0; o < 20; o++) {
                    j.ack(0, new long[] {o}, 1);
                }
                j.sync();
            }
            Path file = d.resolve("cursor.journal");
            long size = Files.size(file);
            long at = cut % (size + 1);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(at);
            }
            int entrySize = 8 + 1 + 8 + 8;
            try (CursorJournal j = new CursorJournal(d)) {
                Map<Integer, CursorJournal.PartitionState> state = j.load();
                long expectedFloor = at / entrySize;
                long floor = state.containsKey(0) ? state.get(0).floor : 0;
                assertThat(floor).isEqualTo(expectedFloor);
                j.ack(0, new long[] {expectedFloor}, 1);
                j.sync();
            }
            try (CursorJournal j = new CursorJournal(d)) {
                assertThat(j.load().get(0).floor).as("appends continue after the cut").isEqualTo(at / entrySize + 1);
            }
        } finally {
            try (var files = Files.walk(d)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
