package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cursor snapshot on {@link ChecksummedEntries} (version 2): a version 1 snapshot still loads and is
 * rewritten, and a damaged or cut snapshot (which a crash cannot leave: it is replaced atomically) fails to
 * load with an error naming the file, never loads part of the state.
 */
@Timeout(20)
class CursorSnapshotFormatTest {
    @TempDir
    Path dir;

    private Path snapshot() {
        return dir.resolve("cursor.snapshot");
    }

    /** Partition 3: floor 10, mark 2048, 12 and 14 acknowledged, 11 delivered 4 times; partition 0 at 7. */
    private static byte[] version1Snapshot() {
        ByteBuffer rest = ByteBuffer.allocate(4 + (4 + 16 + 4 + 16 + 4 + 12) + (4 + 16 + 4 + 4));
        rest.putInt(2);
        rest.putInt(3).putLong(10).putLong(2048).putInt(2).putLong(12).putLong(14).putInt(1).putLong(11).putInt(4);
        rest.putInt(0).putLong(7).putLong(7).putInt(0).putInt(0);
        rest.flip();
        CRC32C crc = new CRC32C();
        crc.update(rest.duplicate());
        return ByteBuffer.allocate(4 + rest.remaining()).putInt((int) crc.getValue()).put(rest).array();
    }

    private static void assertTheState(Map<Integer, CursorJournal.PartitionState> state) {
        assertThat(state).containsOnlyKeys(0, 3);
        CursorJournal.PartitionState p = state.get(3);
        assertThat(p.floor).isEqualTo(10);
        assertThat(p.deliveredMark).isEqualTo(2048);
        assertThat(p.acked).containsExactly(12L, 14L);
        assertThat(p.counts).containsExactly(Map.entry(11L, 4));
        assertThat(state.get(0).floor).isEqualTo(7);
    }

    private Map<Integer, CursorJournal.PartitionState> load() {
        try (CursorJournal journal = new CursorJournal(dir)) {
            return journal.load();
        }
    }

    @Test
    void aVersion1SnapshotLoadsAndIsRewrittenInVersion2() throws IOException {
        Files.write(snapshot(), version1Snapshot());

        assertTheState(load());

        ByteBuffer rewritten = ByteBuffer.wrap(Files.readAllBytes(snapshot()));
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(rewritten, payload -> { });
        assertThat(scan.clean()).isTrue();
        assertThat(scan.entries()).as("the header and two partitions").isEqualTo(3);
        assertThat(rewritten.getInt(ChecksummedEntries.HEADER_BYTES)).isEqualTo(CursorSnapshot.MAGIC);
        assertTheState(load());
    }

    @Test
    void compactionWritesVersion2AndItReadsBack() throws IOException {
        Files.write(snapshot(), version1Snapshot());
        try (CursorJournal journal = new CursorJournal(dir)) {
            Map<Integer, CursorJournal.PartitionState> state = journal.load();
            journal.ack(3, new long[] {10, 11}, 2);
            state.get(3).ack(10);
            state.get(3).ack(11);
            journal.compact(state);
        }
        Map<Integer, CursorJournal.PartitionState> state = load();
        assertThat(state.get(3).floor).as("10, 11, 12 acknowledged: the floor moved past them").isEqualTo(13);
        assertThat(state.get(3).acked).containsExactly(14L);
        assertThat(Files.size(dir.resolve("cursor.journal"))).isZero();
    }

    @Test
    void aVersion2SnapshotDamagedAtAnyByteFailsToLoadWithAnErrorNamingIt() throws IOException {
        byte[] whole = version2Snapshot();
        for (int i = 0; i < whole.length; i++) {
            byte[] damaged = whole.clone();
            damaged[i] ^= 0x10;
            Files.write(snapshot(), damaged);
            int at = i;
            assertThatThrownBy(this::load).as("damaged byte %d", at).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot load cursor state")
                    .cause().hasMessageContaining("cursor snapshot " + snapshot());
        }
    }

    @Test
    void aVersion2SnapshotCutAtAnyByteFailsToLoad() throws IOException {
        byte[] whole = version2Snapshot();
        for (int cut = 0; cut < whole.length; cut++) {
            Files.write(snapshot(), Arrays.copyOf(whole, cut));
            int at = cut;
            assertThatThrownBy(this::load).as("cut at byte %d", at).isInstanceOf(UncheckedIOException.class)
                    .cause().hasMessageContaining("cursor snapshot " + snapshot());
        }
    }

    private byte[] version2Snapshot() throws IOException {
        Files.write(snapshot(), version1Snapshot());
        load();
        return Files.readAllBytes(snapshot());
    }
}
