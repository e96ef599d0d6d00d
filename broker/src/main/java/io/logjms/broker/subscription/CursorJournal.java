package io.logjms.broker.subscription;

import io.logjms.broker.journal.ChecksummedEntries;
import io.logjms.protocol.api.TransactionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The snapshot ({@link CursorSnapshot}) holds, per partition: floor, delivered mark, acknowledged offsets
 * above the floor and explicit delivery counts, in {@link ChecksummedEntries}; it is written to a temporary
 * file, synced and renamed ({@link ChecksummedEntries#writeFileAtomically}). Journal entries are
 * {@link ChecksummedEntries}: a torn journal tail (crash during a write) is cut off on load. An I/O error
 * takes the journal offline: every later write fails at once, so no entry lands after a lost one. Not
 * thread-safe.
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
    private final CRC32C crc = new CRC32C();
    private boolean dirty;
    private int entryStart;
    /** The I/O error that took the journal offline, or null. */
    private IOException failure;

    /**
     * Persisted state of one partition, as loaded. Message-group owners ({@link #groups}) are kept only by a
     * {@link ReplicatedCursorStore}; this journal neither writes nor loads them.
     */
    public static final class PartitionState {
        public long floor;
        public long deliveredMark;
        public final TreeSet<Long> acked = new TreeSet<>();
        public final Map<Long, Integer> counts = new HashMap<>();
        /** Records held for cross-broker transactions (replicated cursors only), by offset. */
        public final Map<Long, TransactionId> holds = new HashMap<>();
        /** Message group to the identity of the consumer it sticks to; a new floor leaves them as they are. */
        public final Map<String, String> groups = new HashMap<>();

        void ack(long offset) {
            if (offset >= floor) {
                acked.add(offset);
                counts.remove(offset);
                holds.remove(offset);
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
            holds.clear();
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
        checkOnline();
        scratch.flip();
        try {
            while (scratch.hasRemaining()) {
                journal.write(scratch);
            }
            dirty = true;
        } catch (IOException e) {
            throw failed("write", e);
        } finally {
            scratch.clear();
        }
    }

    /** Flushes and forces the journal to disk. */
    public void sync() {
        checkOnline();
        flush();
        if (!dirty) {
            return;
        }
        try {
            journal.force(false);
            dirty = false;
        } catch (IOException e) {
            throw failed("sync", e);
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
            throw failed("compact", e);
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
        checkOnline();
        if (scratch.remaining() < ChecksummedEntries.sizeOf(1 + payload)) {
            flush();
        }
        entryStart = ChecksummedEntries.begin(scratch);
        scratch.put(type);
        return scratch;
    }

    /** Fills in the length and CRC of the entry just written. */
    private void end() {
        ChecksummedEntries.seal(scratch, entryStart, crc);
    }

    private void checkOnline() {
        if (failure != null) {
            throw new UncheckedIOException("cursor journal in " + dir + " is offline after an I/O error; nothing"
                    + " more is written until the broker reopens it", failure);
        }
    }

    /** Takes the journal offline for {@code e}: no later write may land after a lost one. */
    private UncheckedIOException failed(String what, IOException e) {
        if (failure == null) {
            failure = e;
            log.error("cursor journal in {} is offline: {} failed", dir, what, e);
        }
        return new UncheckedIOException("cannot " + what + " cursor journal in " + dir, e);
    }

    private void replayJournal(Map<Integer, PartitionState> state) throws IOException {
        Path file = journalFile();
        if (!Files.exists(file)) {
            return;
        }
        ByteBuffer all = ChecksummedEntries.readFile(file);
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(all, entry -> apply(entry, state));
        if (!scan.clean()) {
            log.warn("cursor journal {}: cut a torn or corrupt tail of {} bytes at position {} ({})", file,
                    all.limit() - scan.validBytes(), scan.validBytes(), scan.problem());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(scan.validBytes());
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
        Path file = snapshotFile();
        if (!Files.exists(file)) {
            return new HashMap<>();
        }
        CursorSnapshot.Contents snapshot = CursorSnapshot.read(file);
        if (snapshot.legacy()) {
            CursorSnapshot.write(file, snapshot.partitions());
            log.info("cursor snapshot {} rewritten in version {}", file, CursorSnapshot.VERSION);
        }
        return snapshot.partitions();
    }

    private void writeSnapshot(Map<Integer, PartitionState> state) throws IOException {
        CursorSnapshot.write(snapshotFile(), state);
    }
}
