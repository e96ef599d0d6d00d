package io.logjms.broker.metadata;

import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_MAGIC;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a metadata snapshot written before version 2, so that an existing data directory still loads;
 * {@link FileMetadataStore} rewrites it in the current format at once. Pure: reads a buffer, touches no file.
 * Version 1 layout, all integers big-endian:
 *
 * <pre>
 *  | magic "LJMS" (4) | version = 1 (4) | last sequence (8) | change count (4) |
 *  then change count times: | length (4) | change (length) |
 *  then                     | crc32c of every byte before it (4) |
 * </pre>
 */
final class LegacySnapshotReader {
    static final int VERSION = 1;
    private static final int HEADER_BYTES = 20;

    private LegacySnapshotReader() {
    }

    /** Whether {@code file} (from position 0) starts with the version 1 header. */
    static boolean isLegacy(ByteBuffer file) {
        return file.limit() >= 8 && file.getInt(0) == SNAPSHOT_MAGIC && file.getInt(4) == VERSION;
    }

    /**
     * Reads a whole version 1 snapshot.
     *
     * @throws MetadataCorruptedException if it is damaged
     */
    static MetadataSnapshot.Contents read(ByteBuffer buffer, String fileName) {
        if (buffer.remaining() < HEADER_BYTES + 4) {
            throw new MetadataCorruptedException("Metadata snapshot " + fileName + " (version 1) is too short: "
                    + buffer.remaining() + " bytes");
        }
        int crcAt = buffer.limit() - 4;
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(0).limit(crcAt));
        if ((int) crc.getValue() != buffer.getInt(crcAt)) {
            throw new MetadataCorruptedException("Metadata snapshot " + fileName + " (version 1) fails its checksum");
        }
        ByteBuffer b = buffer.duplicate().position(8).limit(crcAt);
        try {
            long lastSequence = b.getLong();
            int count = b.getInt();
            List<MetadataChange> changes = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                int length = b.getInt();
                if (length < 0 || length > b.remaining()) {
                    throw new MetadataCorruptedException("Metadata snapshot " + fileName + " has a bad entry length");
                }
                changes.add(MetadataChangeCodec.decode(b.slice(b.position(), length)));
                b.position(b.position() + length);
            }
            if (b.hasRemaining()) {
                throw new MetadataCorruptedException("Metadata snapshot " + fileName + " has bytes after its entries");
            }
            return new MetadataSnapshot.Contents(lastSequence, changes, true);
        } catch (BufferUnderflowException e) {
            throw new MetadataCorruptedException("Metadata snapshot " + fileName + " ends early");
        }
    }
}
