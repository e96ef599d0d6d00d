package io.logjms.broker.subscription;

import io.logjms.broker.journal.ChecksummedEntries;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.CursorCheckpoint.BatchId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@value #FILE_NAME} in a partition's log directory: its latest {@link CursorCheckpoint}. Stateless.
 *
 * <p>Version 1, {@link ChecksummedEntries} all through, integers big-endian:
 * <pre>
 *  header entry:     | magic "LJCP" (4) | version = 1 (4) | offset (8) |
 *                    | last batch: base offset (8) | last offset (8) | leader epoch (4) | CRC (8) |
 *                    | state count (4) |
 *  one per state:    | a SNAPSHOT {@link CursorEntry} (its prefix names the subscription incarnation) |
 * </pre>
 * The file is replaced whole (written beside it, then renamed over it) and never appended to. It is derived data, not
 * forced to disk: a file that is missing, damaged, of another version, or that does not {@link CursorCheckpoint#fits
 * fit} the log is not used, and the rebuild replays the log from its start, as without checkpoints.
 */
final class CursorCheckpointFile {
    static final String FILE_NAME = "cursor.checkpoint";
    static final int MAGIC = 0x4C4A4350; // "LJCP"
    static final int VERSION = 1;
    private static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8 + 4 + 8 + 4;
    private static final Logger log = LoggerFactory.getLogger(CursorCheckpointFile.class);

    private CursorCheckpointFile() {
    }

    static Path in(PartitionLog partitionLog) {
        return partitionLog.directory().resolve(FILE_NAME);
    }

    static void write(Path file, CursorCheckpoint checkpoint) throws IOException {
        BatchId last = checkpoint.lastBatch();
        List<ByteBuffer> payloads = new ArrayList<>(checkpoint.states().size() + 1);
        payloads.add(ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(checkpoint.offset())
                .putLong(last.baseOffset()).putLong(last.lastOffset()).putInt(last.leaderEpoch()).putLong(last.crc())
                .putInt(checkpoint.states().size()).flip());
        checkpoint.states().values().forEach(snapshot -> payloads.add(ByteBuffer.wrap(snapshot)));
        ByteBuffer out = ByteBuffer.allocate(payloads.stream()
                .mapToInt(b -> ChecksummedEntries.sizeOf(b.remaining())).sum());
        payloads.forEach(payload -> ChecksummedEntries.write(out, payload));
        out.flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The checkpoint in {@code file}, or {@link CursorCheckpoint#NONE} when there is none.
     *
     * @throws IOException if the file cannot be read or is damaged (the message says how)
     */
    static CursorCheckpoint read(Path file) throws IOException {
        ByteBuffer all;
        try {
            all = ChecksummedEntries.readFile(file);
        } catch (NoSuchFileException e) {
            return CursorCheckpoint.NONE;
        }
        List<ByteBuffer> entries = new ArrayList<>();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(all, entries::add);
        if (!scan.clean() || entries.isEmpty()) {
            throw new IOException("cursor checkpoint " + file + " is damaged (" + (entries.isEmpty() ? "empty"
                    : scan.problem()) + ")");
        }
        ByteBuffer header = entries.get(0);
        if (header.remaining() != HEADER_BYTES || header.getInt() != MAGIC) {
            throw new IOException("cursor checkpoint " + file + " has an unknown header");
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new IOException("cursor checkpoint " + file + " has version " + version + "; this broker reads"
                    + " version " + VERSION);
        }
        long offset = header.getLong();
        BatchId last = new BatchId(header.getLong(), header.getLong(), header.getInt(), header.getLong());
        int count = header.getInt();
        if (count != entries.size() - 1) {
            throw new IOException("cursor checkpoint " + file + " announces " + count + " states but holds "
                    + (entries.size() - 1));
        }
        Map<ByteBuffer, byte[]> states = new HashMap<>();
        for (ByteBuffer entry : entries.subList(1, entries.size())) {
            byte[] snapshot = new byte[entry.remaining()];
            entry.get(snapshot);
            byte[] prefix = CursorEntry.prefixOf(ByteBuffer.wrap(snapshot));
            if (prefix == null || CursorEntry.typeIfOwn(ByteBuffer.wrap(snapshot), prefix) != CursorEntry.SNAPSHOT) {
                throw new IOException("cursor checkpoint " + file + " holds a state that is no snapshot entry");
            }
            states.put(ByteBuffer.wrap(prefix), snapshot);
        }
        return new CursorCheckpoint(offset, last, states);
    }

    /**
     * The checkpoint of {@code partitionLog} if it has one that fits it for a replay up to {@code end}, else
     * {@link CursorCheckpoint#NONE} (a damaged or unfit file is logged and left to be replaced).
     */
    static CursorCheckpoint usable(PartitionLog partitionLog, long end) {
        Path file = in(partitionLog);
        try {
            CursorCheckpoint checkpoint = read(file);
            if (checkpoint.isNone() || checkpoint.fits(partitionLog, end)) {
                return checkpoint;
            }
            log.info("{}: cursor checkpoint at offset {} not used: the log no longer holds what it was made from"
                    + " (it ends at {})", partitionLog.topicPartition(), checkpoint.offset(), end);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: cursor checkpoint not used: {}", partitionLog.topicPartition(), e.getMessage());
        }
        return CursorCheckpoint.NONE;
    }
}
