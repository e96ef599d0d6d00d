package io.logjms.broker.metadata;

import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_HEADER_BYTES;
import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_MAGIC;
import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_VERSION;
import static io.logjms.broker.metadata.MetadataFileLayout.MAX_CHANGE_BYTES;
import static io.logjms.broker.metadata.MetadataFileLayout.SEQUENCE_OFFSET;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal of {@link FileMetadataStore} (layout in {@link MetadataFileLayout}): every change is
 * appended as one {@link ChecksummedEntries} entry, after a header entry, and forced to disk before {@link #append} returns. Opening
 * replays the entries a snapshot does not hold and cuts off a torn final entry; a damaged entry followed by an
 * intact later one is damage a crash cannot explain, and opening refuses. A journal of the old format is read
 * by {@link LegacyJournalReader} and rewritten in the current one. Not thread-safe: the store serializes
 * writers.
 */
final class MetadataJournal implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataJournal.class);

    /** Receives the journaled changes on open, in order. */
    @FunctionalInterface
    interface Replay {
        void change(long sequence, ByteBuffer encodedChange);
    }

    private record Entry(long sequence, ByteBuffer change) {
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
        ByteBuffer bytes = ChecksummedEntries.readFile(file);
        boolean legacy = LegacyJournalReader.isLegacy(bytes);
        if (!legacy && bytes.limit() < JOURNAL_HEADER_BYTES && isHeaderPrefix(bytes)) {
            LOG.warn("Metadata journal {} is shorter than its header ({} bytes); starting an empty journal",
                    file, bytes.limit());
            createEmpty(directory);
            return new MetadataJournal(directory, snapshotSequence);
        }
        List<Entry> entries = legacy ? readLegacy(bytes, file) : scan(checkHeader(bytes, file), file);
        long last = snapshotSequence;
        List<Entry> kept = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.sequence() <= snapshotSequence) {
                continue;
            }
            if (entry.sequence() != last + 1) {
                throw new MetadataCorruptedException("Metadata journal " + file + " starts at sequence "
                        + entry.sequence() + " but the snapshot ends at " + last);
            }
            replay.change(entry.sequence(), entry.change().duplicate());
            kept.add(entry);
            last = entry.sequence();
        }
        if (kept.size() != entries.size() || legacy) {
            // Entries the snapshot holds (a crash between writing it and emptying the journal) or the old
            // format: write what is left, in the current format, in one atomic replace.
            rewrite(directory, kept);
        }
        return new MetadataJournal(directory, last);
    }

    private static List<Entry> readLegacy(ByteBuffer bytes, Path file) {
        LegacyJournalReader.Result legacy = LegacyJournalReader.scan(
                bytes.duplicate().position(LegacyJournalReader.HEADER_BYTES), file.toString());
        if (legacy.validEnd() < bytes.limit()) {
            LOG.warn("Metadata journal {}: dropping a torn final entry of the old format, {} bytes from byte {}",
                    file, bytes.limit() - legacy.validEnd(), legacy.validEnd());
        }
        LOG.info("Metadata journal {}: rewriting {} entries of the version 1 format in the current format", file,
                legacy.entries().size());
        List<Entry> entries = new ArrayList<>(legacy.entries().size());
        legacy.entries().forEach(e -> entries.add(new Entry(e.sequence(), e.change())));
        return entries;
    }

    /** Whether the file holds the start of a header, of this format or the old one: a torn creation. */
    private static boolean isHeaderPrefix(ByteBuffer bytes) {
        ByteBuffer header = ByteBuffer.allocate(JOURNAL_HEADER_BYTES);
        ChecksummedEntries.write(header, ByteBuffer.allocate(8).putInt(JOURNAL_MAGIC).putInt(JOURNAL_VERSION).flip());
        ByteBuffer legacy = ByteBuffer.allocate(LegacyJournalReader.HEADER_BYTES)
                .putInt(LegacyJournalReader.MAGIC).putInt(LegacyJournalReader.VERSION);
        return isPrefix(bytes, header) || isPrefix(bytes, legacy);
    }

    private static boolean isPrefix(ByteBuffer bytes, ByteBuffer of) {
        if (bytes.limit() > of.capacity()) {
            return false;
        }
        return bytes.duplicate().position(0).equals(of.duplicate().position(0).limit(bytes.limit()));
    }

    /** {@code bytes} positioned after the header entry, which must be whole and name this format. */
    private static ByteBuffer checkHeader(ByteBuffer bytes, Path file) {
        if (ChecksummedEntries.intactEntryAt(bytes, 0) != JOURNAL_HEADER_BYTES
                || bytes.getInt(ChecksummedEntries.HEADER_BYTES) != JOURNAL_MAGIC
                || bytes.getInt(ChecksummedEntries.HEADER_BYTES + 4) != JOURNAL_VERSION) {
            throw new MetadataCorruptedException("Metadata journal " + file + " has an unknown header");
        }
        return bytes.duplicate().position(JOURNAL_HEADER_BYTES);
    }

    /** The intact entries of a current-format journal from its position; cuts a torn tail off the file. */
    private static List<Entry> scan(ByteBuffer bytes, Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(bytes, payload -> {
            if (payload.remaining() <= Long.BYTES) {
                throw new MetadataCorruptedException("Metadata journal " + file + " holds an intact entry of "
                        + payload.remaining() + " bytes, too short for a change");
            }
            long sequence = payload.getLong();
            if (!entries.isEmpty() && sequence != entries.get(entries.size() - 1).sequence() + 1) {
                throw new MetadataCorruptedException("Metadata journal " + file + ": entry with sequence "
                        + sequence + " after " + entries.get(entries.size() - 1).sequence());
            }
            entries.add(new Entry(sequence, payload.slice()));
        });
        if (!scan.clean()) {
            long lastSequence = entries.isEmpty() ? Long.MIN_VALUE : entries.get(entries.size() - 1).sequence();
            int validEnd = bytes.position() + (int) scan.validBytes();
            checkNothingIntactAfter(bytes, validEnd, lastSequence, file);
            LOG.warn("Metadata journal {}: truncating a torn final entry, {} bytes from byte {} ({})", file,
                    bytes.limit() - validEnd, validEnd, scan.problem());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(validEnd);
                channel.force(true);
            }
        }
        return entries;
    }

    private static void checkNothingIntactAfter(ByteBuffer bytes, int damagedAt, long lastSequence, Path file) {
        for (int p = damagedAt + 1; p <= bytes.limit() - ChecksummedEntries.HEADER_BYTES - Long.BYTES; p++) {
            int entryBytes = ChecksummedEntries.intactEntryAt(bytes, p);
            if (entryBytes > ChecksummedEntries.HEADER_BYTES + Long.BYTES
                    && bytes.getLong(p + SEQUENCE_OFFSET) > lastSequence) {
                throw new MetadataCorruptedException("Metadata journal " + file + " is damaged at byte " + damagedAt
                        + " but holds an intact later entry at byte " + p + "; refusing to drop acknowledged changes");
            }
        }
    }

    /** Replaces the journal with {@code entries}, atomically. */
    private static void rewrite(Path directory, List<Entry> entries) throws IOException {
        int bytes = JOURNAL_HEADER_BYTES;
        for (Entry e : entries) {
            bytes += ChecksummedEntries.sizeOf(Long.BYTES + e.change().remaining());
        }
        ByteBuffer out = ByteBuffer.allocate(bytes);
        ChecksummedEntries.write(out, ByteBuffer.allocate(8).putInt(JOURNAL_MAGIC).putInt(JOURNAL_VERSION).flip());
        for (Entry e : entries) {
            writeEntry(out, e.sequence(), e.change().duplicate());
        }
        ChecksummedEntries.writeFileAtomically(directory.resolve(JOURNAL_FILE), out.flip());
    }

    private static void createEmpty(Path directory) throws IOException {
        rewrite(directory, List.of());
    }

    private static void writeEntry(ByteBuffer out, long sequence, ByteBuffer change) {
        ByteBuffer payload = ByteBuffer.allocate(Long.BYTES + change.remaining());
        payload.putLong(sequence).put(change).flip();
        ChecksummedEntries.write(out, payload);
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
        ByteBuffer entry = ByteBuffer.allocate(ChecksummedEntries.sizeOf(Long.BYTES + encodedChange.length));
        writeEntry(entry, sequence, ByteBuffer.wrap(encodedChange));
        entry.flip();
        while (entry.hasRemaining()) {
            channel.write(entry);
        }
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

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
