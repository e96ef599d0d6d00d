package io.logjms.broker.subscription;

import io.logjms.broker.journal.ChecksummedEntries;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The cursor snapshot file ({@code cursor.snapshot}) of a {@link CursorJournal}: the whole state of a
 * subscription's cursors, replaced atomically ({@link ChecksummedEntries#writeFileAtomically}). Stateless.
 *
 * <p>Version 2, {@link ChecksummedEntries} all through, integers big-endian:
 * <pre>
 *  header entry:        | magic "LJCS" (4) | version = 2 (4) | partition count (4) |
 *  one per partition:   | partition (4) | floor (8) | delivered mark (8) |
 *                       | acked count (4) | acked offsets (8 each) |
 *                       | explicit count count (4) | (offset (8), delivery count (4)) each |
 * </pre>
 * The file is whole or it is damaged: it is never appended to, so a torn or corrupt entry, a missing
 * partition entry or bytes after the last one cannot come from a crash, and the read fails with an
 * {@link IOException} saying what is wrong (the subscription does not open, as before).
 *
 * <p>Version 1, written before, is still read: {@code int32 CRC32C of the rest, int32 partition count},
 * then the partitions as above without entry framing. {@link CursorJournal} rewrites it in version 2 when
 * it loads it.
 */
final class CursorSnapshot {
    static final int MAGIC = 0x4C4A4353; // "LJCS"
    static final int VERSION = 2;
    private static final int HEADER_PAYLOAD_BYTES = 12;

    /** A snapshot read back, and whether it was in the old format (to be rewritten). */
    record Contents(Map<Integer, PartitionState> partitions, boolean legacy) {
    }

    private CursorSnapshot() {
    }

    static void write(Path file, Map<Integer, PartitionState> state) throws IOException {
        List<ByteBuffer> payloads = new ArrayList<>(state.size() + 1);
        payloads.add(ByteBuffer.allocate(HEADER_PAYLOAD_BYTES).putInt(MAGIC).putInt(VERSION).putInt(state.size())
                .flip());
        state.forEach((partition, p) -> {
            ByteBuffer b = ByteBuffer.allocate(4 + 16 + 4 + p.acked.size() * 8 + 4 + p.counts.size() * 12);
            putPartition(b, partition, p);
            payloads.add(b.flip());
        });
        ByteBuffer out = ByteBuffer.allocate(payloads.stream().mapToInt(b -> ChecksummedEntries.sizeOf(b.remaining()))
                .sum());
        payloads.forEach(payload -> ChecksummedEntries.write(out, payload));
        ChecksummedEntries.writeFileAtomically(file, out.flip());
    }

    /** Reads {@code file}, in either version. */
    static Contents read(Path file) throws IOException {
        ByteBuffer all = ChecksummedEntries.readFile(file);
        if (isVersion2(all)) {
            return new Contents(readVersion2(all, file), false);
        }
        return new Contents(readVersion1(all, file), true);
    }

    private static boolean isVersion2(ByteBuffer all) {
        return all.limit() >= ChecksummedEntries.HEADER_BYTES + 8 && all.getInt(0) == HEADER_PAYLOAD_BYTES
                && all.getInt(ChecksummedEntries.HEADER_BYTES) == MAGIC;
    }

    private static Map<Integer, PartitionState> readVersion2(ByteBuffer all, Path file) throws IOException {
        List<ByteBuffer> entries = new ArrayList<>();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(all, entries::add);
        if (!scan.clean()) {
            throw new IOException("cursor snapshot " + file + " is damaged (" + scan.problem() + "); it is never"
                    + " appended to, so a crash cannot have caused this");
        }
        ByteBuffer header = entries.get(0);
        if (header.remaining() != HEADER_PAYLOAD_BYTES || header.getInt() != MAGIC) {
            throw new IOException("cursor snapshot " + file + " has an unknown header");
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new IOException("cursor snapshot " + file + " has version " + version + "; this broker reads"
                    + " versions 1 and " + VERSION);
        }
        int partitions = header.getInt();
        if (partitions != entries.size() - 1) {
            throw new IOException("cursor snapshot " + file + " announces " + partitions + " partitions but holds "
                    + (entries.size() - 1));
        }
        Map<Integer, PartitionState> state = new HashMap<>();
        for (ByteBuffer entry : entries.subList(1, entries.size())) {
            readPartition(entry, state, file);
            if (entry.hasRemaining()) {
                throw new IOException("cursor snapshot " + file + " has " + entry.remaining()
                        + " unread bytes in a partition entry");
            }
        }
        return state;
    }

    private static Map<Integer, PartitionState> readVersion1(ByteBuffer b, Path file) throws IOException {
        if (b.remaining() < 8) {
            throw new IOException("cursor snapshot " + file + " is truncated (" + b.remaining() + " bytes)");
        }
        int crc = b.getInt();
        CRC32C c = new CRC32C();
        c.update(b.duplicate());
        if ((int) c.getValue() != crc) {
            throw new IOException("cursor snapshot " + file + " is damaged: it is neither a version " + VERSION
                    + " file nor a version 1 file whose CRC matches");
        }
        int partitions = b.getInt();
        Map<Integer, PartitionState> state = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            readPartition(b, state, file);
        }
        return state;
    }

    private static void putPartition(ByteBuffer b, int partition, PartitionState p) {
        b.putInt(partition).putLong(p.floor).putLong(p.deliveredMark).putInt(p.acked.size());
        p.acked.forEach(b::putLong);
        b.putInt(p.counts.size());
        p.counts.forEach((o, c) -> b.putLong(o).putInt(c));
    }

    private static void readPartition(ByteBuffer b, Map<Integer, PartitionState> state, Path file)
            throws IOException {
        try {
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
        } catch (BufferUnderflowException e) {
            throw new IOException("cursor snapshot " + file + " ends inside a partition's state");
        }
    }
}
