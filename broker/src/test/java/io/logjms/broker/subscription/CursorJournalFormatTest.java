package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cursor journal's file format (unchanged by the move onto ChecksummedEntries) and its failure rule. */
@Timeout(10)
class CursorJournalFormatTest {
    @TempDir
    Path dir;

    /** One entry exactly as the journal wrote it before: length and CRC of type + payload, then both. */
    private static byte[] oldEntry(byte type, ByteBuffer payload) {
        ByteBuffer covered = ByteBuffer.allocate(1 + payload.remaining()).put(type).put(payload).flip();
        CRC32C crc = new CRC32C();
        crc.update(covered.duplicate());
        return ByteBuffer.allocate(8 + covered.remaining()).putInt(covered.remaining()).putInt((int) crc.getValue())
                .put(covered).array();
    }

    @Test
    void aJournalInTheFormatWrittenBeforeLoads() throws IOException {
        byte[] ack = oldEntry((byte) 1, ByteBuffer.allocate(24).putInt(2).putInt(2).putLong(0).putLong(1).flip());
        byte[] count = oldEntry((byte) 2, ByteBuffer.allocate(16).putInt(2).putLong(5).putInt(3).flip());
        byte[] mark = oldEntry((byte) 3, ByteBuffer.allocate(12).putInt(2).putLong(9).flip());
        Files.write(dir.resolve("cursor.journal"), ByteBuffer.allocate(ack.length + count.length + mark.length)
                .put(ack).put(count).put(mark).array());

        try (CursorJournal journal = new CursorJournal(dir)) {
            Map<Integer, CursorJournal.PartitionState> state = journal.load();
            CursorJournal.PartitionState p = state.get(2);
            assertThat(p.floor).isEqualTo(2);
            assertThat(p.counts).containsEntry(5L, 3);
            assertThat(p.deliveredMark).isEqualTo(9);
        }
    }

    @Test
    void whatTheJournalWritesNowIsByteForByteTheOldFormat() throws IOException {
        try (CursorJournal journal = new CursorJournal(dir)) {
            journal.load();
            journal.count(2, 5, 3);
            journal.sync();
        }
        assertThat(Files.readAllBytes(dir.resolve("cursor.journal")))
                .isEqualTo(oldEntry((byte) 2, ByteBuffer.allocate(16).putInt(2).putLong(5).putInt(3).flip()));
    }

    @Test
    void anIoErrorTakesTheJournalOfflineAndNothingIsWrittenAfterIt() throws IOException {
        CursorJournal journal = new CursorJournal(dir);
        journal.load();
        journal.mark(0, 4);
        journal.sync();
        long size = Files.size(dir.resolve("cursor.journal"));

        // An interrupt closes the journal's FileChannel under the next write: a real I/O error.
        Thread.currentThread().interrupt();
        try {
            journal.mark(0, 5);
            assertThatThrownBy(journal::flush).isInstanceOf(UncheckedIOException.class);
        } finally {
            Thread.interrupted();
        }

        assertThatThrownBy(() -> journal.mark(0, 6)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("offline");
        assertThatThrownBy(journal::sync).isInstanceOf(UncheckedIOException.class).hasMessageContaining("offline");
        journal.close();
        assertThat(Files.size(dir.resolve("cursor.journal"))).isEqualTo(size);
        try (CursorJournal reopened = new CursorJournal(dir)) {
            assertThat(reopened.load().get(0).deliveredMark).isEqualTo(4);
        }
    }
}
