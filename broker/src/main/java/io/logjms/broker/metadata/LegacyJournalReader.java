package io.logjms.broker.metadata;

import static io.logjms.broker.metadata.MetadataFileLayout.MAX_CHANGE_BYTES;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a metadata journal written before version 2 (a file header, then entries with the CRC before the
 * length), so that an existing data directory still loads; {@link MetadataJournal} rewrites it in the
 * current format at once. Finds the intact entries and where the intact part ends. Pure: reads a buffer,
 * touches no file. Version 1 layout, all integers big-endian:
 *
 * <pre>
 *  file header: | magic "LJMJ" (4) | version = 1 (4) |
 *  each entry:  | crc32c (4) | length (4) | sequence (8) | change (length - 8) |
 *                            |&lt;------------ covered by the crc32c ------------&gt;|
 * </pre>
 *
 * <p>Entries are appended one at a time and each is forced to disk before the next is written, so a crash can
 * damage only the last entry. The first entry that is incomplete or fails its checksum therefore ends the
 * intact part, and the bytes from there on are a torn tail, unless an intact entry with a later sequence
 * number follows it: then the file was damaged after it was written, and dropping the tail would lose
 * acknowledged changes, so the scan fails instead.
 */
final class LegacyJournalReader {
    static final int MAGIC = 0x4C4A4D4A; // "LJMJ"
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;

    private static final int CRC_OFFSET = 0;
    private static final int LENGTH_OFFSET = 4;
    private static final int SEQUENCE_OFFSET = 8;
    private static final int CHANGE_OFFSET = 16;
    private static final int ENTRY_HEADER_BYTES = CHANGE_OFFSET;
    private static final int LENGTH_OVERHEAD = CHANGE_OFFSET - SEQUENCE_OFFSET;


    /** An intact entry: its sequence number and its encoded change (a view of the scanned bytes). */
    record Entry(long sequence, ByteBuffer change) {
    }

    /** The intact entries and the end of the intact part; bytes from {@code validEnd} on are a torn tail. */
    record Result(List<Entry> entries, int validEnd) {
    }

    private LegacyJournalReader() {
    }

    /** Whether {@code file} (from position 0) starts with the version 1 header. */
    static boolean isLegacy(ByteBuffer file) {
        return file.limit() >= HEADER_BYTES && file.getInt(0) == MAGIC && file.getInt(4) == VERSION;
    }

    /**
     * Scans the entries in {@code journal} from its position (after the file header) to its limit.
     *
     * @throws MetadataCorruptedException if a damaged entry is followed by an intact one, or if sequence numbers
     *         of intact entries do not grow by one
     */
    static Result scan(ByteBuffer journal, String fileName) {
        List<Entry> entries = new ArrayList<>();
        int position = journal.position();
        long lastSequence = Long.MIN_VALUE;
        while (position < journal.limit()) {
            int entryBytes = intactEntryBytesAt(journal, position);
            if (entryBytes < 0) {
                checkNothingIntactAfter(journal, position, lastSequence, fileName);
                break;
            }
            long sequence = journal.getLong(position + SEQUENCE_OFFSET);
            if (lastSequence != Long.MIN_VALUE && sequence != lastSequence + 1) {
                throw new MetadataCorruptedException("Metadata journal " + fileName + ": entry at byte " + position
                        + " has sequence " + sequence + " after " + lastSequence);
            }
            entries.add(new Entry(sequence,
                    journal.slice(position + CHANGE_OFFSET, entryBytes - CHANGE_OFFSET)));
            lastSequence = sequence;
            position += entryBytes;
        }
        return new Result(entries, position);
    }

    /** The size of the intact entry starting at {@code position}, or -1 if there is none. */
    private static int intactEntryBytesAt(ByteBuffer journal, int position) {
        if (journal.limit() - position < ENTRY_HEADER_BYTES) {
            return -1;
        }
        int length = journal.getInt(position + LENGTH_OFFSET);
        if (length <= LENGTH_OVERHEAD || length > LENGTH_OVERHEAD + MAX_CHANGE_BYTES) {
            return -1;
        }
        long end = (long) position + SEQUENCE_OFFSET + length;
        if (end > journal.limit()) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(journal.slice(position + LENGTH_OFFSET, (int) end - position - LENGTH_OFFSET));
        if ((int) crc.getValue() != journal.getInt(position + CRC_OFFSET)) {
            return -1;
        }
        return (int) end - position;
    }

    private static void checkNothingIntactAfter(ByteBuffer journal, int damagedAt, long lastSequence,
                                                String fileName) {
        for (int p = damagedAt + 1; p <= journal.limit() - ENTRY_HEADER_BYTES; p++) {
            if (intactEntryBytesAt(journal, p) > 0 && journal.getLong(p + SEQUENCE_OFFSET) > lastSequence) {
                throw new MetadataCorruptedException("Metadata journal " + fileName + " is damaged at byte "
                        + damagedAt + " but holds an intact later entry at byte " + p
                        + "; refusing to drop acknowledged changes");
            }
        }
    }
}
