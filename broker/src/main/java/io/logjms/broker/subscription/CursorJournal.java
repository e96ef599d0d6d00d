package io.logjms.broker.subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable state of a subscription's cursors: a snapshot file plus a journal of changes since, in the
 * subscription's directory. Journal entries:
 *
 * <pre>
 * int32 length (of type + payload)   int32 CRC32C (of type + payload)   int8 type   payload
 *   ACK    int32 partition, int32 n, n * int64 offset
 *   COUNT  int32 partition, int64 offset, int32 delivery count
 *   MARK   int32 partition, int64 delivered mark
 *   FLOOR  int32 partition, int64 new floor (skip or seek: everything below is done, state above reset)
 * </pre>
 *
 * The snapshot holds, per partition: floor, delivered mark, acknowledged offsets above the floor and
 * explicit delivery counts, with a CRC over the whole file; it is written to a temporary file, synced
 * and renamed. A torn journal tail (crash during a write) is cut off on load. Not thread-safe.
 */
public final class CursorJournal implements CursorStore {
    private static final Logger log = LoggerFactory.getLogger(CursorJournal.class);
    private static final byte ACK = 1;
    private static final byte COUNT = 2;
    private static final byte MARK = 3;
    private static final byte FLOOR = 4;
    private static final int COMPACT_BYTES = 4 * 1024 * 1024;

    private final Path dir;
    private FileChannel journal;
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private boolean dirty;
    private int entryStart;

    /** Persisted state of one partition, as loaded. */
    public static final class PartitionState {
        public long floor;
        public long deliveredMark;
        public final TreeSet<Long> acked = new TreeSet<>();
        public final Map<Long, Integer> counts = new HashMap<>();

        void ack(long offset) {
            if (offset >= floor) {
                acked.add(offset);
                counts.remove(offset);
                while (!acked.isEmpty() && acked.first() == floor) {
                    acked.pollFirst();
                    floor++;
                }
            }
        }

        void floor(long offset) {
            floor = offset;
            deliveredMark = Math.max(deliveredMark, offset);
            acked.clear();
            counts.clear();
        }
    }

    public CursorJournal(Path dir) {
        this.dir = dir;
    }

    private Path journalFile() {
        return dir.resolve("cursor.journal");
    }

    private Path snapshotFile() {
        return dir.resolve("cursor.snapshot");
    }

    /** Loads the state and opens the journal for appending. */
    public Map<Integer, PartitionState> load() {
        try {
            Files.createDirectories(dir);
            Map<Integer, PartitionState> state = readSnapshot();
            replayJournal(state);
            journal = FileChannel.open(journalFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            journal.position(journal.size());
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load cursor state in " + dir, e);
        }
    }

    public void ack(int partition, long[] offsets, int count) {
        int i = 0;
        while (i < count) {
            int n = Math.min(count - i, 4000);
            ByteBuffer b = begin(ACK, 8 + n * 8);
            b.putInt(partition).putInt(n);
            for (int k = 0; k < n; k++) {
                b.putLong(offsets[i + k]);
            }
            end();
            i += n;
        }
    }

    public void count(int partition, long offset, int deliveryCount) {
        begin(COUNT, 16).putInt(partition).putLong(offset).putInt(deliveryCount);
        end();
    }

    public void mark(int partition, long deliveredMark) {
        begin(MARK, 12).putInt(partition).putLong(deliveredMark);
        end();
    }

    public void floor(int partition, long floor) {
        begin(FLOOR, 12).putInt(partition).putLong(floor);
        end();
    }

    /** Writes what was appended since the last flush to the file (the OS page cache). */
    public void flush() {
        if (scratch.position() == 0) {
            return;
        }
        scratch.flip();
        try {
            while (scratch.hasRemaining()) {
                journal.write(scratch);
            }
            dirty = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cursor journal in " + dir, e);
        } finally {
            scratch.clear();
        }
    }

    /** Flushes and forces the journal to disk. */
    public void sync() {
        flush();
        if (!dirty) {
            return;
        }
        try {
            journal.force(false);
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync cursor journal in " + dir, e);
        }
    }

    public boolean needsCompaction() {
        try {
            return journal.size() > COMPACT_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /** Replaces snapshot and journal by a snapshot of {@code state}. */
    public void compact(Map<Integer, PartitionState> state) {
        try {
            flush();
            writeSnapshot(state);
            journal.truncate(0);
            journal.position(0);
            journal.force(true);
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact cursor journal in " + dir, e);
        }
    }

    /** Deletes the subscription's state for good. */
    public void delete() {
        close();
        try {
            Files.deleteIfExists(journalFile());
            Files.deleteIfExists(snapshotFile());
            Files.deleteIfExists(dir.resolve("cursor.snapshot.tmp"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("could not delete cursor state in {}", dir, e);
        }
    }

    @Override
    public void close() {
        if (journal != null && journal.isOpen()) {
            try {
                sync();
                journal.close();
            } catch (IOException | UncheckedIOException e) {
                log.warn("could not close cursor journal in {}", dir, e);
            }
        }
    }

    private ByteBuffer begin(byte type, int payload) {
        if (scratch.remaining() < 9 + payload) {
            flush();
        }
        entryStart = scratch.position();
        scratch.putInt(1 + payload).putInt(0).put(type);
        return scratch;
    }

    /** Fills in the CRC of the entry just written, which covers type and payload. */
    private void end() {
        int endPos = scratch.position();
        int start = entryStart;
        CRC32C crc = new CRC32C();
        ByteBuffer covered = scratch.duplicate();
        covered.position(start + 8).limit(endPos);
        crc.update(covered);
        scratch.putInt(start + 4, (int) crc.getValue());
    }

    private void replayJournal(Map<Integer, PartitionState> state) throws IOException {
        Path file = journalFile();
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer all = ByteBuffer.allocate((int) ch.size());
            while (all.hasRemaining() && ch.read(all) >= 0) {
                // read fully
            }
            all.flip();
            long valid = 0;
            while (all.remaining() >= 9) {
                int start = all.position();
                int len = all.getInt();
                int crc = all.getInt();
                if (len < 1 || len > all.remaining()) {
                    break;
                }
                ByteBuffer entry = all.slice(all.position(), len);
                CRC32C c = new CRC32C();
                c.update(entry.duplicate());
                if ((int) c.getValue() != crc) {
                    break;
                }
                apply(entry, state);
                all.position(start + 8 + len);
                valid = all.position();
            }
            if (valid < ch.size()) {
                log.warn("cursor journal {}: cut a torn or corrupt tail of {} bytes at position {}", file,
                        ch.size() - valid, valid);
                ch.truncate(valid);
                ch.force(true);
            }
        }
    }

    private static void apply(ByteBuffer e, Map<Integer, PartitionState> state) {
        byte type = e.get();
        int partition = e.getInt();
        PartitionState p = state.computeIfAbsent(partition, k -> new PartitionState());
        switch (type) {
            case ACK -> {
                int n = e.getInt();
                for (int i = 0; i < n; i++) {
                    p.ack(e.getLong());
                }
            }
            case COUNT -> {
                long offset = e.getLong();
                int count = e.getInt();
                if (offset >= p.floor && !p.acked.contains(offset)) {
                    p.counts.put(offset, count);
                }
            }
            case MARK -> p.deliveredMark = Math.max(p.deliveredMark, e.getLong());
            case FLOOR -> p.floor(e.getLong());
            default -> throw new IllegalStateException("unknown cursor journal entry type " + type);
        }
    }

    private Map<Integer, PartitionState> readSnapshot() throws IOException {
        Map<Integer, PartitionState> state = new HashMap<>();
        Path file = snapshotFile();
        if (!Files.exists(file)) {
            return state;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 4) {
            throw new IOException("cursor snapshot " + file + " is truncated");
        }
        int crc = b.getInt();
        CRC32C c = new CRC32C();
        c.update(b.duplicate());
        if ((int) c.getValue() != crc) {
            throw new IOException("cursor snapshot " + file + " fails its CRC check");
        }
        int partitions = b.getInt();
        for (int i = 0; i < partitions; i++) {
            PartitionState p = new PartitionState();
            int partition = b.getInt();
            p.floor = b.getLong();
            p.deliveredMark = b.getLong();
            int acked = b.getInt();
            for (int k = 0; k < acked; k++) {
                p.acked.add(b.getLong());
            }
            int counts = b.getInt();
            for (int k = 0; k < counts; k++) {
                p.counts.put(b.getLong(), b.getInt());
            }
            state.put(partition, p);
        }
        return state;
    }

    private void writeSnapshot(Map<Integer, PartitionState> state) throws IOException {
        int size = 8;
        for (PartitionState p : state.values()) {
            size += 4 + 16 + 4 + p.acked.size() * 8 + 4 + p.counts.size() * 12;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(0).putInt(state.size());
        state.forEach((partition, p) -> {
            b.putInt(partition).putLong(p.floor).putLong(p.deliveredMark).putInt(p.acked.size());
            p.acked.forEach(b::putLong);
            b.putInt(p.counts.size());
            p.counts.forEach((o, c) -> b.putLong(o).putInt(c));
        });
        CRC32C c = new CRC32C();
        c.update(b.array(), 4, size - 4);
        b.putInt(0, (int) c.getValue());
        b.flip();
        Path tmp = dir.resolve("cursor.snapshot.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, snapshotFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, snapshotFile(), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
