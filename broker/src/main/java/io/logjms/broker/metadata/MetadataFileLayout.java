package io.logjms.broker.metadata;

/**
 * The byte layout of the files of {@link FileMetadataStore}. All integers are big-endian. A change is encoded
 * by {@link MetadataChangeCodec}.
 *
 * <h2>Journal ({@value #JOURNAL_FILE}), version 2</h2>
 * {@link io.logjms.broker.journal.ChecksummedEntries}: first a header entry (payload: magic "LJMJ", version
 * 2; {@value #JOURNAL_HEADER_BYTES} bytes in all, written once by an atomic rename), then one entry per change:
 * <pre>
 *  0               4               8                               16
 *  +---------------+---------------+-------------------------------+----------------------+
 *  | length        | crc32c        | sequence                      | change (length - 8)  |
 *  +---------------+---------------+-------------------------------+----------------------+
 *                                  |&lt;------------- covered by the crc32c ----------------&gt;|
 * </pre>
 * {@code length} counts the bytes after the CRC. Sequence numbers grow by one per change across snapshots;
 * entries up to the snapshot's sequence are already in the snapshot. A journal of version 1 (a header
 * "LJMJ" 1, then entries with the CRC first, see {@link LegacyJournalReader}) is read once and rewritten in
 * this format when the store opens.
 *
 * <h2>Snapshot ({@value #SNAPSHOT_FILE}), version 2</h2>
 * {@link io.logjms.broker.journal.ChecksummedEntries}: a header entry, then one entry per change:
 * <pre>
 *  header payload:  | magic "LJMS" (4) | version = 2 (4) | last sequence (8) | change count (4) |
 *  change payload:  | change (as the codec encodes it) |
 * </pre>
 * A snapshot is written to {@value #SNAPSHOT_TEMP_FILE}, forced to disk and renamed over the previous one, so
 * it is always whole: a torn or corrupt entry, or a count that does not match, is damage and fails the read.
 * A snapshot of version 1 (the header and the changes with a CRC over the whole file, see
 * {@link LegacySnapshotReader}) is read once and rewritten in this format when the store opens.
 */
final class MetadataFileLayout {
    static final String JOURNAL_FILE = "metadata.journal";
    static final String JOURNAL_TEMP_FILE = "metadata.journal.tmp";
    static final String SNAPSHOT_FILE = "metadata.snapshot";
    static final String SNAPSHOT_TEMP_FILE = "metadata.snapshot.tmp";
    static final String LOCK_FILE = "metadata.lock";

    /** The snapshot's format version. */
    static final int VERSION = 2;

    static final int JOURNAL_MAGIC = 0x4C4A4D4A; // "LJMJ"
    static final int JOURNAL_VERSION = 2;
    /** The header entry before the first change: length, CRC, magic, version. */
    static final int JOURNAL_HEADER_BYTES = 16;

    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int SEQUENCE_OFFSET = 8;
    static final int CHANGE_OFFSET = 16;
    /** The largest encoded change: a record value of the maximum size plus its namespace and key. */
    static final int MAX_CHANGE_BYTES = MetadataStore.MAX_RECORD_VALUE_BYTES + 64 * 1024;

    static final int SNAPSHOT_MAGIC = 0x4C4A4D53; // "LJMS"
    /** The snapshot's header payload: magic, version, last sequence, change count. */
    static final int SNAPSHOT_HEADER_BYTES = 20;

    private MetadataFileLayout() {
    }
}
