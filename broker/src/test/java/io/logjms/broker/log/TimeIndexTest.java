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

class TimeIndexTest {
    private static final long BASE = 500;

    @TempDir
    Path dir;

    private IndexFile file(Path d) {
        return new IndexFile(d.resolve("00000000000000000500.timeindex"), FileChannelOpener.DEFAULT);
    }

    @Test
    void keepsOnlyGrowingTimestamps() throws IOException {
        TimeIndex index = TimeIndex.empty(BASE, file(dir));
        index.maybeAppend(100, 500);
        index.maybeAppend(100, 510);
        index.maybeAppend(90, 520);
        index.maybeAppend(150, 530);

        assertThat(index.entryCount()).isEqualTo(2);
        assertThat(index.lastTimestamp()).isEqualTo(150);
        assertThat(index.lastOffset()).isEqualTo(530);
    }

    @Test
    void scanStartsAtTheLastEntryOlderThanTheTarget() throws IOException {
        TimeIndex index = TimeIndex.empty(BASE, file(dir));
        index.maybeAppend(100, 510);
        index.maybeAppend(200, 520);
        index.maybeAppend(300, 530);

        assertThat(index.scanStartFor(50)).isEqualTo(BASE);
        assertThat(index.scanStartFor(100)).isEqualTo(BASE);
        assertThat(index.scanStartFor(101)).isEqualTo(510);
        assertThat(index.scanStartFor(300)).isEqualTo(520);
        assertThat(index.scanStartFor(301)).isEqualTo(530);
    }

    @Test
    void loadRejectsDamagedFiles() throws IOException {
        Path path = file(dir).path();
        assertThatThrownBy(() -> TimeIndex.load(BASE, file(dir))).hasMessageContaining("missing");
        Files.write(path, new byte[13]);
        assertThatThrownBy(() -> TimeIndex.load(BASE, file(dir))).hasMessageContaining("whole number");
        Files.write(path, ByteBuffer.allocate(24).putLong(200).putInt(5).putLong(100).putInt(6).array());
        assertThatThrownBy(() -> TimeIndex.load(BASE, file(dir))).hasMessageContaining("out of order");

        Files.write(path, ByteBuffer.allocate(24).putLong(100).putInt(5).putLong(200).putInt(6).array());
        assertThat(TimeIndex.load(BASE, file(dir)).lastOffset()).isEqualTo(BASE + 6);
    }

    /** The scan start agrees with a TreeMap model: the entry with the greatest timestamp below the target. */
    @Property(tries = 200)
    void scanStartAgreesWithATreeMap(@ForAll @Size(max = 50) List<@IntRange(min = -20, max = 100) Integer> steps,
                                     @ForAll @Size(min = 10, max = 10) List<@IntRange(min = 0, max = 3000) Integer> probes)
            throws IOException {
        Path tmp = TestBatches.tempDir();
        try {
            TimeIndex index = TimeIndex.empty(BASE, file(tmp));
            TreeMap<Long, Long> model = new TreeMap<>();
            long timestamp = 0;
            long offset = BASE;
            for (int step : steps) {
                timestamp += step;
                offset += 1 + Math.abs(step) % 7;
                index.maybeAppend(timestamp, offset);
                if (model.isEmpty() || timestamp > model.lastKey()) {
                    model.put(timestamp, offset);
                }
            }
            for (int probe : probes) {
                long target = probe - 500;
                Map.Entry<Long, Long> below = model.lowerEntry(target);
                assertThat(index.scanStartFor(target)).isEqualTo(below == null ? BASE : below.getValue());
            }
            assertThat(index.entryCount()).isEqualTo(model.size());
        } finally {
            TestBatches.deleteRecursively(tmp);
        }
    }
}
