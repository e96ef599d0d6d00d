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
 * <h2>Snapshot ({@value #SNAPSHOT_FILE})</h2>
 * <pre>
 *  0               4               8                               16              20
 *  +---------------+---------------+-------------------------------+---------------+
 *  | magic "LJMS"  | version = 1   | last sequence                 | change count  |
 *  +---------------+---------------+-------------------------------+---------------+
 *  then change count times: | length (4) | change (length) |
 *  then                     | crc32c of every byte before it (4) |
 * </pre>
 * A snapshot is written to {@value #SNAPSHOT_TEMP_FILE}, forced to disk and renamed over the previous one, so
 * it is always whole.
 */
final class MetadataFileLayout {
    static final String JOURNAL_FILE = "metadata.journal";
    static final String JOURNAL_TEMP_FILE = "metadata.journal.tmp";
    static final String SNAPSHOT_FILE = "metadata.snapshot";
    static final String SNAPSHOT_TEMP_FILE = "metadata.snapshot.tmp";
    static final String LOCK_FILE = "metadata.lock";

    static final int VERSION = 1;

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
    static final int SNAPSHOT_HEADER_BYTES = 20;

    private MetadataFileLayout() {
    }
}
