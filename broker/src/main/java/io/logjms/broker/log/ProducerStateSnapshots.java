package io.logjms.broker.log;

import io.logjms.broker.journal.ChecksummedEntries;
import io.logjms.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producer-state snapshot files of a partition directory, and the recovery of the producer state at open.
 *
 * <p>A snapshot {@code <offset>.snapshot} holds the state made of every batch below {@code offset}. It is
 * one {@link ChecksummedEntries} entry, written atomically, whose payload is (big-endian):
 * <pre>
 * int32 magic "LJPS"   int16 version 1   int64 offset   int32 producer count
 * per producer: int64 producer id   int16 epoch   int8 batch count
 *   per batch (oldest first): int32 first sequence   int32 last sequence   int64 first offset
 *                             int64 last offset      int64 max timestamp
 * </pre>
 * A file that is torn, fails its checksum, has bytes after the entry or names another offset than its file
 * name is ignored (and deleted). Not thread-safe; used under the partition's lock or before it is published.
 */
final class ProducerStateSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateSnapshots.class);
    private static final int MAGIC = 0x4C4A5053;
    private static final short VERSION = 1;
    /** Snapshots kept: the newest and one fallback in case the newest turns out corrupt. */
    static final int KEPT = 2;

    private ProducerStateSnapshots() {
    }

    /**
     * Writes the snapshot of {@code state}, which holds every batch below {@code offset}, then deletes all
     * but the newest {@link #KEPT}.
     */
    static void write(Path dir, ProducerStateManager state, long offset) throws IOException {
        Map<Long, ProducerStateManager.ProducerSnapshot> producers = state.snapshot();
        int size = 4 + 2 + 8 + 4;
        for (ProducerStateManager.ProducerSnapshot p : producers.values()) {
            size += 8 + 2 + 1 + p.batches().size() * (4 + 4 + 8 + 8 + 8);
        }
        ByteBuffer payload = ByteBuffer.allocate(size);
        payload.putInt(MAGIC).putShort(VERSION).putLong(offset).putInt(producers.size());
        for (ProducerStateManager.ProducerSnapshot p : producers.values()) {
            payload.putLong(p.producerId()).putShort(p.epoch()).put((byte) p.batches().size());
            for (BatchMetadata b : p.batches()) {
                payload.putInt(b.firstSequence()).putInt(b.lastSequence()).putLong(b.firstOffset())
                        .putLong(b.lastOffset()).putLong(b.timestamp());
            }
        }
        payload.flip();
        ByteBuffer file = ByteBuffer.allocate(ChecksummedEntries.sizeOf(size));
        ChecksummedEntries.write(file, payload);
        ChecksummedEntries.writeFileAtomically(LogFileNames.snapshotFile(dir, offset), file.flip());
        List<Long> all = new ArrayList<>(list(dir).keySet());
        for (int i = 0; i < all.size() - KEPT; i++) {
            Files.deleteIfExists(LogFileNames.snapshotFile(dir, all.get(i)));
        }
    }

    /** The snapshot files of {@code dir} by offset. */
    static TreeMap<Long, Path> list(Path dir) throws IOException {
        TreeMap<Long, Path> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                OptionalLong offset = LogFileNames.parseBaseOffset(file.getFileName().toString(),
                        LogFileNames.SNAPSHOT_SUFFIX);
                if (offset.isPresent()) {
                    found.put(offset.getAsLong(), file);
                }
            }
        }
        return found;
    }

    /** Reads a snapshot; null (with the reason logged) if it cannot be trusted. */
    static Map<Long, ProducerStateManager.ProducerSnapshot> read(Path file, long offset, TopicPartition tp)
            throws IOException {
        ByteBuffer bytes = ChecksummedEntries.readFile(file);
        List<ByteBuffer> entries = new ArrayList<>(1);
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(bytes, entries::add);
        if (!scan.clean() || entries.size() != 1) {
            LOG.warn("Partition {}: ignoring producer-state snapshot {}: {}", tp, file,
                    scan.clean() ? scan.entries() + " entries instead of 1" : scan.problem());
            return null;
        }
        ByteBuffer in = entries.get(0);
        try {
            if (in.getInt() != MAGIC || in.getShort() != VERSION || in.getLong() != offset) {
                LOG.warn("Partition {}: ignoring producer-state snapshot {}: wrong magic, version or offset", tp, file);
                return null;
            }
            int count = in.getInt();
            Map<Long, ProducerStateManager.ProducerSnapshot> state = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                long producerId = in.getLong();
                short epoch = in.getShort();
                int n = in.get();
                List<BatchMetadata> batches = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    batches.add(new BatchMetadata(in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getLong()));
                }
                state.put(producerId, new ProducerStateManager.ProducerSnapshot(producerId, epoch, batches));
            }
            if (in.hasRemaining()) {
                LOG.warn("Partition {}: ignoring producer-state snapshot {}: {} bytes after the state", tp, file,
                        in.remaining());
                return null;
            }
            return state;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            LOG.warn("Partition {}: ignoring producer-state snapshot {}: it ends inside the state", tp, file);
            return null;
        }
    }

    /**
     * Rebuilds the producer state of a freshly loaded log: deletes snapshots past the log end (the log was cut
     * below them), loads the newest snapshot that reads back whole (deleting those that do not), and replays
     * the batch headers from there (or from the log start without one, or when the snapshot is older than the
     * log start) to the log end.
     */
    static ProducerStateManager load(Path dir, TopicPartition tp, LogSegments segments) throws IOException {
        long logStart = segments.first().baseOffset();
        long logEnd = segments.last().nextOffset();
        ProducerStateManager state = new ProducerStateManager(tp, logStart);
        TreeMap<Long, Path> snapshots = list(dir);
        for (Map.Entry<Long, Path> e : snapshots.descendingMap().entrySet()) {
            long offset = e.getKey();
            if (offset > logEnd) {
                LOG.warn("Partition {}: deleting producer-state snapshot {} past the log end {}", tp, e.getValue(),
                        logEnd);
                Files.delete(e.getValue());
                continue;
            }
            Map<Long, ProducerStateManager.ProducerSnapshot> loaded = read(e.getValue(), offset, tp);
            if (loaded == null) {
                Files.delete(e.getValue());
                continue;
            }
            state.restore(loaded, Math.max(offset, logStart));
            break;
        }
        long from = state.mapEndOffset();
        int replayed = replay(state, segments, from);
        LOG.debug("Partition {}: producer state of {} producer(s) from offset {}, {} batch(es) replayed", tp,
                state.producerCount(), from, replayed);
        return state;
    }

    private static int replay(ProducerStateManager state, LogSegments segments, long from) throws IOException {
        int batches = 0;
        for (LogSegment segment : segments.all()) {
            if (segment.nextOffset() <= from || segment.sizeInBytes() == 0) {
                continue;
            }
            int position = 0;
            if (from > segment.baseOffset()) {
                OffsetPosition start = segment.translateOffset(from);
                if (start == null) {
                    continue;
                }
                position = start.position();
            }
            BatchHeaderScanner scanner = new BatchHeaderScanner(segment.channel(), segment.sizeInBytes(),
                    64 * 1024);
            RecordBatch header;
            for (; (header = scanner.headerAt(position)) != null; position += header.sizeInBytes()) {
                state.replay(header);
                batches++;
            }
        }
        return batches;
    }
}
