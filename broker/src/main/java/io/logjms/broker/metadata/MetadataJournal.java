package io.logjms.broker.metadata;

import static io.logjms.broker.metadata.MetadataFileLayout.CHANGE_OFFSET;
import static io.logjms.broker.metadata.MetadataFileLayout.CRC_OFFSET;
import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_HEADER_BYTES;
import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_MAGIC;
import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_TEMP_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.LENGTH_OFFSET;
import static io.logjms.broker.metadata.MetadataFileLayout.LENGTH_OVERHEAD;
import static io.logjms.broker.metadata.MetadataFileLayout.MAX_CHANGE_BYTES;
import static io.logjms.broker.metadata.MetadataFileLayout.VERSION;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal of {@link FileMetadataStore} (layout in {@link MetadataFileLayout}): every change is
 * appended as one checksummed entry and forced to disk before {@link #append} returns. Opening replays the
 * entries a snapshot does not hold and cuts off a torn final entry. Not thread-safe: the store serializes
 * writers.
 */
final class MetadataJournal implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataJournal.class);

    /** Receives the journaled changes on open, in order. */
    @FunctionalInterface
    interface Replay {
        void change(long sequence, ByteBuffer encodedChange);
    }

    private final Path directory;
    private FileChannel channel;
    private long size;
    private long lastSequence;

    private MetadataJournal(Path directory, long lastSequence) throws IOException {
        this.directory = directory;
        this.lastSequence = lastSequence;
        openChannel();
    }

    /**
     * Opens the journal in {@code directory}, creating it if missing, and replays every entry with a sequence
     * after {@code snapshotSequence}.
     *
     * @throws MetadataCorruptedException if the journal is damaged in a way a crash cannot explain, or does not
     *         continue the snapshot
     */
    static MetadataJournal open(Path directory, long snapshotSequence, Replay replay) throws IOException {
        Path file = directory.resolve(JOURNAL_FILE);
        if (!Files.exists(file)) {
            createEmpty(directory);
            return new MetadataJournal(directory, snapshotSequence);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        if (bytes.limit() < JOURNAL_HEADER_BYTES) {
            LOG.warn("Metadata journal {} is shorter than its header ({} bytes); starting an empty journal",
                    file, bytes.limit());
            createEmpty(directory);
            return new MetadataJournal(directory, snapshotSequence);
        }
        if (bytes.getInt() != JOURNAL_MAGIC || bytes.getInt() != VERSION) {
            throw new MetadataCorruptedException("Metadata journal " + file + " has an unknown header");
        }
        JournalScanner.Result scan = JournalScanner.scan(bytes, file.toString());
        if (scan.validEnd() < bytes.limit()) {
            LOG.warn("Metadata journal {}: truncating a torn final entry, {} bytes from byte {}",
                    file, bytes.limit() - scan.validEnd(), scan.validEnd());
            truncate(file, scan.validEnd());
        }
        long last = snapshotSequence;
        boolean staleEntries = false;
        for (JournalScanner.Entry entry : scan.entries()) {
            if (entry.sequence() <= snapshotSequence) {
                staleEntries = true;
                continue;
            }
            if (entry.sequence() != last + 1) {
                throw new MetadataCorruptedException("Metadata journal " + file + " starts at sequence "
                        + entry.sequence() + " but the snapshot ends at " + last);
            }
            replay.change(entry.sequence(), entry.change());
            last = entry.sequence();
        }
        if (staleEntries && last == snapshotSequence) {
            // A crash came between writing a snapshot and emptying the journal: everything is in the snapshot.
            createEmpty(directory);
        }
        return new MetadataJournal(directory, last);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    /** Replaces the journal with an empty one, atomically. */
    private static void createEmpty(Path directory) throws IOException {
        Path temp = directory.resolve(JOURNAL_TEMP_FILE);
        ByteBuffer header = ByteBuffer.allocate(JOURNAL_HEADER_BYTES).putInt(JOURNAL_MAGIC).putInt(VERSION).flip();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, header);
            channel.force(true);
        }
        Files.move(temp, directory.resolve(JOURNAL_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        FileSync.directory(directory);
    }

    private void openChannel() throws IOException {
        channel = FileChannel.open(directory.resolve(JOURNAL_FILE), StandardOpenOption.WRITE);
        size = channel.size();
        channel.position(size);
    }

    /** The sequence of the last change journaled or, if none since the snapshot, the snapshot's. */
    long lastSequence() {
        return lastSequence;
    }

    /** The journal's size in bytes. */
    long size() {
        return size;
    }

    /**
     * Appends one change under the next sequence number and forces it to disk.
     *
     * @return the change's sequence number
     * @throws IOException if the entry may not be on disk; the journal must then not be written again
     */
    long append(byte[] encodedChange) throws IOException {
        if (encodedChange.length > MAX_CHANGE_BYTES) {
            throw new IllegalArgumentException("change of " + encodedChange.length + " bytes exceeds "
                    + MAX_CHANGE_BYTES);
        }
        long sequence = lastSequence + 1;
        ByteBuffer entry = ByteBuffer.allocate(CHANGE_OFFSET + encodedChange.length);
        entry.putInt(0).putInt(LENGTH_OVERHEAD + encodedChange.length).putLong(sequence).put(encodedChange);
        CRC32C crc = new CRC32C();
        crc.update(entry.array(), LENGTH_OFFSET, entry.capacity() - LENGTH_OFFSET);
        entry.putInt(CRC_OFFSET, (int) crc.getValue()).flip();
        writeFully(channel, entry);
        channel.force(true);
        size += entry.limit();
        lastSequence = sequence;
        return sequence;
    }

    /** Empties the journal after a snapshot holding everything in it was written. */
    void reset() throws IOException {
        channel.close();
        createEmpty(directory);
        openChannel();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
