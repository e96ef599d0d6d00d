package io.logjms.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The sparse offset index of one segment: for some batches, the batch's base offset and its byte
 * position in the segment's {@code .log} file. An entry is added when at least
 * {@link LogConfig#indexIntervalBytes()} bytes of batches were appended since the previous one, so a
 * lookup is a binary search here plus a short scan of batch headers in the log file.
 *
 * <p>On disk ({@code <baseOffset>.index}): a sequence of 8-byte entries and nothing else, each
 * <pre>
 *  relative offset (int32, big-endian: batch base offset minus segment base offset)
 *  position        (int32, big-endian: byte position of the batch in the .log file)
 * </pre>
 * with both fields strictly increasing from entry to entry. The index is derived data: recovery
 * rebuilds it from the log whenever it is missing or does not pass {@link #load}'s checks.
 *
 * <p>The entries are held in memory (8 bytes per {@code indexIntervalBytes} of log). Thread safety:
 * one appender (the partition's append lock) and any number of concurrent readers. An entry is
 * written before the entry count that makes it visible is published through a volatile field, and a
 * grown array holds every earlier entry, so readers never see a half-written entry.
 */
final class OffsetIndex {
    static final int ENTRY_SIZE = 8;

    private final long baseOffset;
    private final IndexFile file;
    private final ByteBuffer entryBuffer = ByteBuffer.allocate(ENTRY_SIZE);
    private volatile long[] entries;
    private volatile int count;

    private OffsetIndex(long baseOffset, IndexFile file, long[] entries, int count) {
        this.baseOffset = baseOffset;
        this.file = file;
        this.entries = entries;
        this.count = count;
    }

    /** An index without entries; its file is written only once appends or a rewrite start. */
    static OffsetIndex empty(long baseOffset, IndexFile file) {
        return new OffsetIndex(baseOffset, file, new long[16], 0);
    }

    /**
     * Reads the index file and checks it against a log file of {@code logSize} bytes.
     *
     * @throws CorruptSegmentException if the file is missing, not whole entries, not strictly
     *                                 increasing, or points at or beyond the end of the log
     */
    static OffsetIndex load(long baseOffset, IndexFile file, int logSize) throws IOException {
        ByteBuffer content = file.readAll();
        if (content == null) {
            throw new CorruptSegmentException("offset index " + file.path() + " is missing");
        }
        if (content.remaining() % ENTRY_SIZE != 0) {
            throw new CorruptSegmentException("offset index " + file.path() + " has " + content.remaining()
                    + " bytes, not a whole number of entries");
        }
        int n = content.remaining() / ENTRY_SIZE;
        long[] entries = new long[Math.max(n, 16)];
        int previousRelative = -1;
        int previousPosition = -1;
        for (int i = 0; i < n; i++) {
            int relative = content.getInt();
            int position = content.getInt();
            if (relative <= previousRelative || position <= previousPosition || position >= logSize) {
                throw new CorruptSegmentException("offset index " + file.path() + " entry " + i + " (" + relative
                        + ", " + position + ") does not follow (" + previousRelative + ", " + previousPosition
                        + ") inside a log of " + logSize + " bytes");
            }
            entries[i] = pack(relative, position);
            previousRelative = relative;
            previousPosition = position;
        }
        return new OffsetIndex(baseOffset, file, entries, n);
    }

    int entryCount() {
        return count;
    }

    /** Adds an entry; offsets and positions must increase. Called by the appender only. */
    void append(long offset, int position) throws IOException {
        int relative = relativeOffset(offset);
        int n = count;
        if (n > 0 && (relative <= relativeOf(entries[n - 1]) || position <= positionOf(entries[n - 1]))) {
            throw new IllegalArgumentException("index entry (" + offset + ", " + position
                    + ") does not follow the last entry " + lastEntry());
        }
        entryBuffer.clear();
        entryBuffer.putInt(relative).putInt(position).flip();
        file.append(entryBuffer);
        long[] current = entries;
        if (n == current.length) {
            current = Arrays.copyOf(current, n * 2);
            entries = current;
        }
        current[n] = pack(relative, position);
        count = n + 1;
    }

    /** The last entry, or the segment start {@code (baseOffset, 0)} when there is none. */
    OffsetPosition lastEntry() {
        int n = count;
        long[] e = entries;
        return n == 0 ? new OffsetPosition(baseOffset, 0) : toOffsetPosition(e[n - 1]);
    }

    /**
     * The entry with the largest offset not above {@code offset}, or {@code (baseOffset, 0)} when every
     * entry is above it: the place to start scanning for the batch that holds {@code offset}.
     */
    OffsetPosition floorOffset(long offset) {
        int n = count;
        long[] e = entries;
        long relative = offset - baseOffset;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (relativeOf(e[mid]) <= relative) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? new OffsetPosition(baseOffset, 0) : toOffsetPosition(e[found]);
    }

    /** The entry with the largest position not above {@code position}, or {@code (baseOffset, 0)}. */
    OffsetPosition floorPosition(int position) {
        int n = count;
        long[] e = entries;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (positionOf(e[mid]) <= position) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? new OffsetPosition(baseOffset, 0) : toOffsetPosition(e[found]);
    }

    /** Drops every entry, in memory only (recovery re-adds them and then {@link #writeFile()}s). */
    void clear() {
        entries = new long[16];
        count = 0;
    }

    /** Writes every in-memory entry to the file, replacing it. */
    void writeFile() throws IOException {
        int n = count;
        long[] e = entries;
        ByteBuffer content = ByteBuffer.allocate(n * ENTRY_SIZE);
        for (int i = 0; i < n; i++) {
            content.putInt(relativeOf(e[i])).putInt(positionOf(e[i]));
        }
        file.rewrite(content.flip());
    }

    IndexFile file() {
        return file;
    }

    long sizeInBytes() {
        return (long) count * ENTRY_SIZE;
    }

    private int relativeOffset(long offset) {
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit the index of segment " + baseOffset);
        }
        return (int) relative;
    }

    private OffsetPosition toOffsetPosition(long entry) {
        return new OffsetPosition(baseOffset + relativeOf(entry), positionOf(entry));
    }

    private static long pack(int relative, int position) {
        return ((long) relative << 32) | (position & 0xffffffffL);
    }

    private static int relativeOf(long entry) {
        return (int) (entry >>> 32);
    }

    private static int positionOf(long entry) {
        return (int) entry;
    }
}
