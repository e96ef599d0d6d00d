package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetIndexTest {
    private static final long BASE = 1000;

    @TempDir
    Path dir;

    private IndexFile file(Path d) {
        return new IndexFile(d.resolve("00000000000000001000.index"), FileChannelOpener.DEFAULT);
    }

    @Test
    void looksUpTheFloorEntryByOffsetAndByPosition() throws IOException {
        OffsetIndex index = OffsetIndex.empty(BASE, file(dir));
        index.append(1010, 4100);
        index.append(1020, 8300);
        index.append(1035, 12_500);

        assertThat(index.floorOffset(999)).isEqualTo(new OffsetPosition(BASE, 0));
        assertThat(index.floorOffset(1009)).isEqualTo(new OffsetPosition(BASE, 0));
        assertThat(index.floorOffset(1010)).isEqualTo(new OffsetPosition(1010, 4100));
        assertThat(index.floorOffset(1034)).isEqualTo(new OffsetPosition(1020, 8300));
        assertThat(index.floorOffset(5000)).isEqualTo(new OffsetPosition(1035, 12_500));
        assertThat(index.floorPosition(8299)).isEqualTo(new OffsetPosition(1010, 4100));
        assertThat(index.floorPosition(8300)).isEqualTo(new OffsetPosition(1020, 8300));
        assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(1035, 12_500));
    }

    @Test
    void rejectsEntriesThatDoNotIncrease() throws IOException {
        OffsetIndex index = OffsetIndex.empty(BASE, file(dir));
        index.append(1010, 4100);

        assertThatThrownBy(() -> index.append(1010, 5000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.append(1011, 4100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.append(BASE - 1, 9000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendsReachTheFileAndLoadBack() throws IOException {
        IndexFile file = file(dir);
        file.openForAppend(0);
        OffsetIndex index = OffsetIndex.empty(BASE, file);
        for (int i = 1; i <= 100; i++) {
            index.append(BASE + 3L * i, 100 * i);
        }
        file.closeForAppend();

        OffsetIndex loaded = OffsetIndex.load(BASE, file(dir), 100_000);

        assertThat(Files.size(file.path())).isEqualTo(800);
        assertThat(loaded.entryCount()).isEqualTo(100);
        assertThat(loaded.floorOffset(BASE + 150)).isEqualTo(new OffsetPosition(BASE + 150, 5000));
    }

    @Test
    void loadRejectsDamagedFiles() throws IOException {
        Path path = file(dir).path();
        assertThatThrownBy(() -> OffsetIndex.load(BASE, file(dir), 100)).isInstanceOf(CorruptSegmentException.class)
                .hasMessageContaining("missing");

        Files.write(path, new byte[12]);
        assertThatThrownBy(() -> OffsetIndex.load(BASE, file(dir), 100)).hasMessageContaining("whole number");

        Files.write(path, entries(5, 10, 4, 20));
        assertThatThrownBy(() -> OffsetIndex.load(BASE, file(dir), 100)).hasMessageContaining("does not follow");

        Files.write(path, entries(5, 10, 6, 10));
        assertThatThrownBy(() -> OffsetIndex.load(BASE, file(dir), 100)).hasMessageContaining("does not follow");

        Files.write(path, entries(5, 10, 6, 100));
        assertThatThrownBy(() -> OffsetIndex.load(BASE, file(dir), 100)).hasMessageContaining("log of 100 bytes");
    }

    private static byte[] entries(int... relativeAndPosition) {
        ByteBuffer b = ByteBuffer.allocate(relativeAndPosition.length * 4);
        for (int v : relativeAndPosition) {
            b.putInt(v);
        }
        return b.array();
    }

    /** Lookups agree with a TreeMap of the same entries, by offset and by position. */
    @Property(tries = 200)
    void lookupsAgreeWithATreeMap(@ForAll @Size(max = 60) List<@IntRange(min = 1, max = 50) Integer> offsetGaps,
                                  @ForAll @Size(min = 60, max = 60) List<@IntRange(min = 1, max = 5000) Integer> sizes,
                                  @ForAll @Size(min = 20, max = 20) List<@IntRange(min = 0, max = 4000) Integer> probes)
            throws IOException {
        Path tmp = TestBatches.tempDir();
        try {
            OffsetIndex index = OffsetIndex.empty(BASE, file(tmp));
            TreeMap<Long, Integer> byOffset = new TreeMap<>();
            TreeMap<Integer, Long> byPosition = new TreeMap<>();
            long offset = BASE;
            int position = 0;
            for (int i = 0; i < offsetGaps.size(); i++) {
                offset += offsetGaps.get(i);
                position += sizes.get(i);
                index.append(offset, position);
                byOffset.put(offset, position);
                byPosition.put(position, offset);
            }
            for (int probe : probes) {
                long targetOffset = BASE + probe / 2;
                Map.Entry<Long, Integer> o = byOffset.floorEntry(targetOffset);
                assertThat(index.floorOffset(targetOffset)).isEqualTo(o == null ? new OffsetPosition(BASE, 0)
                        : new OffsetPosition(o.getKey(), o.getValue()));
                int targetPosition = probe * 40;
                Map.Entry<Integer, Long> p = byPosition.floorEntry(targetPosition);
                assertThat(index.floorPosition(targetPosition)).isEqualTo(p == null ? new OffsetPosition(BASE, 0)
                        : new OffsetPosition(p.getValue(), p.getKey()));
            }
        } finally {
            TestBatches.deleteRecursively(tmp);
        }
    }
}
