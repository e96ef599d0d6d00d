package io.logjms.broker.metadata;

import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_HEADER_BYTES;
import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_MAGIC;
import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_TEMP_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.VERSION;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Reads and writes the snapshot file of {@link FileMetadataStore} (layout in {@link MetadataFileLayout}).
 * Writing goes through a temporary file, forced to disk and renamed atomically, so a reader sees the previous
 * snapshot or the new one, never a part.
 */
final class MetadataSnapshot {

    /** A snapshot read back: the changes that rebuild the state, and the sequence of the last one included. */
    record Contents(long lastSequence, List<MetadataChange> changes) {
    }

    private MetadataSnapshot() {
    }

    static void write(Path directory, long lastSequence, List<MetadataChange> changes) throws IOException {
        List<byte[]> encoded = new ArrayList<>(changes.size());
        long size = SNAPSHOT_HEADER_BYTES + 4L;
        for (MetadataChange change : changes) {
            byte[] bytes = MetadataChangeCodec.encode(change);
            encoded.add(bytes);
            size += 4L + bytes.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size));
        buffer.putInt(SNAPSHOT_MAGIC).putInt(VERSION).putLong(lastSequence).putInt(encoded.size());
        encoded.forEach(bytes -> buffer.putInt(bytes.length).put(bytes));
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        buffer.flip();

        Path temp = directory.resolve(SNAPSHOT_TEMP_FILE);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, directory.resolve(SNAPSHOT_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        FileSync.directory(directory);
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
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
        if (buffer.remaining() < SNAPSHOT_HEADER_BYTES + 4) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " is too short: "
                    + buffer.remaining() + " bytes");
        }
        int crcAt = buffer.limit() - 4;
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, crcAt);
        if ((int) crc.getValue() != buffer.getInt(crcAt)) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " fails its checksum");
        }
        if (buffer.getInt() != SNAPSHOT_MAGIC || buffer.getInt() != VERSION) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " has an unknown header");
        }
        long lastSequence = buffer.getLong();
        int count = buffer.getInt();
        buffer.limit(crcAt);
        try {
            List<MetadataChange> changes = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                int length = buffer.getInt();
                if (length < 0 || length > buffer.remaining()) {
                    throw new MetadataCorruptedException("Metadata snapshot " + file + " has a bad entry length");
                }
                changes.add(MetadataChangeCodec.decode(buffer.slice(buffer.position(), length)));
                buffer.position(buffer.position() + length);
            }
            if (buffer.hasRemaining()) {
                throw new MetadataCorruptedException("Metadata snapshot " + file + " has bytes after its entries");
            }
            return Optional.of(new Contents(lastSequence, changes));
        } catch (BufferUnderflowException e) {
            throw new MetadataCorruptedException("Metadata snapshot " + file + " ends early");
        }
    }
}
