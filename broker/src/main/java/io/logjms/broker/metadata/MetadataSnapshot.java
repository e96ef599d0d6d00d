package io.logjms.broker.metadata;

import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_HEADER_BYTES;
import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_MAGIC;
import static io.logjms.broker.metadata.MetadataFileLayout.VERSION;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the snapshot file of {@link FileMetadataStore} (layout in {@link MetadataFileLayout}).
 * Writing goes through a temporary file, forced to disk and renamed atomically, so a reader sees the previous
 * snapshot or the new one, never a part; a snapshot that does not read back whole is therefore damage, not a
 * crash, and fails the read. A version 1 snapshot is read by {@link LegacySnapshotReader}.
 */
final class MetadataSnapshot {

    /**
     * A snapshot read back: the changes that rebuild the state, the sequence of the last one included, and
     * whether it was in the old format (to be rewritten).
     */
    record Contents(long lastSequence, List<MetadataChange> changes, boolean legacy) {
    }

    private MetadataSnapshot() {
    }

    static void write(Path directory, long lastSequence, List<MetadataChange> changes) throws IOException {
        List<byte[]> encoded = new ArrayList<>(changes.size());
        long size = ChecksummedEntries.sizeOf(SNAPSHOT_HEADER_BYTES);
        for (MetadataChange change : changes) {
            byte[] bytes = MetadataChangeCodec.encode(change);
            encoded.add(bytes);
            size += ChecksummedEntries.sizeOf(bytes.length);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
        ChecksummedEntries.write(out, ByteBuffer.allocate(SNAPSHOT_HEADER_BYTES).putInt(SNAPSHOT_MAGIC).putInt(VERSION)
                .putLong(lastSequence).putInt(encoded.size()).flip());
        encoded.forEach(bytes -> ChecksummedEntries.write(out, ByteBuffer.wrap(bytes)));
        ChecksummedEntries.writeFileAtomically(directory.resolve(SNAPSHOT_FILE), out.flip());
    }

    /**
     * The snapshot in {@code directory}, if there is one.
     *
     * @throws MetadataCorruptedException if the snapshot exists but is damaged
     */
    static Optional<Contents> read(Path directory) throws IOException {
        Path file = directory.resolve(SNAPSHOT_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ByteBuffer all = ChecksummedEntries.readFile(file);
        if (LegacySnapshotReader.isLegacy(all)) {
            return Optional.of(LegacySnapshotReader.read(all, file.toString()));
        }
        List<ByteBuffer> entries = new ArrayList<>();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(all, entries::add);
        if (!scan.clean() || entries.isEmpty()) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " is damaged ("
                    + (scan.clean() ? "empty" : scan.problem()) + "); it is replaced whole, so a crash cannot have"
                    + " caused this");
        }
        ByteBuffer header = entries.get(0);
        if (header.remaining() != SNAPSHOT_HEADER_BYTES || header.getInt() != SNAPSHOT_MAGIC) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " has an unknown header");
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " has version " + version
                    + "; this broker reads versions " + LegacySnapshotReader.VERSION + " and " + VERSION);
        }
        long lastSequence = header.getLong();
        int count = header.getInt();
        if (count != entries.size() - 1) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " announces " + count
                    + " changes but holds " + (entries.size() - 1));
        }
        List<MetadataChange> changes = new ArrayList<>(count);
        for (ByteBuffer entry : entries.subList(1, entries.size())) {
            changes.add(MetadataChangeCodec.decode(entry));
        }
        return Optional.of(new Contents(lastSequence, changes, false));
    }
}
