package io.logjms.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The time index of one segment: entries {@code (T, O)} meaning "every batch appended to the segment
 * up to the moment this entry was added has a max timestamp of at most T, and T is the max timestamp
 * of the batch starting at offset O". Entries are added together with offset index entries (and
 * once more when the segment is closed) and only when T grew, so T strictly increases and the last
 * entry of a closed segment holds its largest timestamp.
 *
 * <p>To find the first batch whose max timestamp is at least {@code ts}: take the last entry with
 * {@code T < ts}; every batch before the one at O is older, so the scan of batch headers starts at O
 * (or at the segment start when there is no such entry).
 *
 * <p>On disk ({@code <baseOffset>.timeindex}): a sequence of 12-byte entries and nothing else, each
 * <pre>
 *  timestamp       (int64, big-endian, epoch ms)
 *  relative offset (int32, big-endian: O minus segment base offset)
 * </pre>
 * timestamps strictly increasing, offsets not decreasing. Derived data, rebuilt by recovery.
 *
 * <p>Thread safety as {@link OffsetIndex}: one appender, concurrent readers, entries published
 * through a volatile count.
 */
final class TimeIndex {
    static final int ENTRY_SIZE = 12;

    private final long baseOffset;
    private final IndexFile file;
    private final ByteBuffer entryBuffer = ByteBuffer.allocate(ENTRY_SIZE);
    /** Pairs: timestamp at 2i, relative offset at 2i + 1. */
    private volatile long[] entries;
    private volatile int count;

    private TimeIndex(long baseOffset, IndexFile file, long[] entries, int count) {
        this.baseOffset = baseOffset;
        this.file = file;
        this.entries = entries;
        this.count = count;
    }

    static TimeIndex empty(long baseOffset, IndexFile file) {
        return new TimeIndex(baseOffset, file, new long[32], 0);
    }

    /**
     * Reads the time index file and checks its form.
     *
     * @throws CorruptSegmentException if it is missing, not whole entries, or not ordered
     */
    static TimeIndex load(long baseOffset, IndexFile file) throws IOException {
        ByteBuffer content = file.readAll();
        if (content == null) {
            throw new CorruptSegmentException("time index " + file.path() + " is missing");
        }
        if (content.remaining() % ENTRY_SIZE != 0) {
            throw new CorruptSegmentException("time index " + file.path() + " has " + content.remaining()
                    + " bytes, not a whole number of entries");
        }
        int n = content.remaining() / ENTRY_SIZE;
        long[] entries = new long[Math.max(2 * n, 32)];
        for (int i = 0; i < n; i++) {
            long timestamp = content.getLong();
            int relative = content.getInt();
            if (relative < 0 || (i > 0 && (timestamp <= entries[2 * i - 2] || relative < entries[2 * i - 1]))) {
                throw new CorruptSegmentException("time index " + file.path() + " entry " + i + " (" + timestamp
                        + ", " + relative + ") is out of order");
            }
            entries[2 * i] = timestamp;
            entries[2 * i + 1] = relative;
        }
        return new TimeIndex(baseOffset, file, entries, n);
    }

    int entryCount() {
        return count;
    }

    /** Adds {@code (timestamp, offset)} if {@code timestamp} is above the last entry's. Appender only. */
    void maybeAppend(long timestamp, long offset) throws IOException {
        int n = count;
        long[] current = entries;
        if (n > 0 && timestamp <= current[2 * n - 2]) {
            return;
        }
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE || (n > 0 && relative < current[2 * n - 1])) {
            throw new IllegalArgumentException("time index entry offset " + offset + " does not fit segment "
                    + baseOffset + " after its last entry");
        }
        entryBuffer.clear();
        entryBuffer.putLong(timestamp).putInt((int) relative).flip();
        file.append(entryBuffer);
        if (2 * n + 2 > current.length) {
            current = Arrays.copyOf(current, current.length * 2);
            entries = current;
        }
        current[2 * n] = timestamp;
        current[2 * n + 1] = relative;
        count = n + 1;
    }

    /** Timestamp of the last entry, or {@link Long#MIN_VALUE} when there is none. */
    long lastTimestamp() {
        int n = count;
        long[] e = entries;
        return n == 0 ? Long.MIN_VALUE : e[2 * n - 2];
    }

    /** Offset of the last entry, or the segment base offset when there is none. */
    long lastOffset() {
        int n = count;
        long[] e = entries;
        return n == 0 ? baseOffset : baseOffset + e[2 * n - 1];
    }

    /**
     * The offset to start scanning from for the first batch with max timestamp at least
     * {@code timestamp}: the offset of the last entry whose timestamp is below it, or the segment
     * base offset when there is none.
     */
    long scanStartFor(long timestamp) {
        int n = count;
        long[] e = entries;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (e[2 * mid] < timestamp) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? baseOffset : baseOffset + e[2 * found + 1];
    }

    void clear() {
        entries = new long[32];
        count = 0;
    }

    void writeFile() throws IOException {
        int n = count;
        long[] e = entries;
        ByteBuffer content = ByteBuffer.allocate(n * ENTRY_SIZE);
        for (int i = 0; i < n; i++) {
            content.putLong(e[2 * i]).putInt((int) e[2 * i + 1]);
        }
        file.rewrite(content.flip());
    }

    IndexFile file() {
        return file;
    }

    long sizeInBytes() {
        return (long) count * ENTRY_SIZE;
    }
}
