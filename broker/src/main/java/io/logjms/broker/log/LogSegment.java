package io.logjms.broker.log;

import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * One segment of a partition log: the {@code <baseOffset>.log} file ({@link SegmentFile}) with its
 * sparse {@link OffsetIndex} and its {@link TimeIndex}. The base offset, zero-padded to 20 digits,
 * names the three files and is the offset of the segment's first batch.
 *
 * <p>Thread safety: {@link #append}, the loading methods, {@link #onBecomeInactive} and the file
 * life-cycle methods are called by one thread at a time (the partition's append lock, or the loader
 * before the segment is published). Reads ({@link #translateOffset}, {@link #fetchRange},
 * {@link #findOffsetByTimestamp}, the getters) may run concurrently with an append: an append writes
 * the bytes and index entries first and then publishes the new size, next offset and largest
 * timestamp, in that order, through volatile fields; readers never look past the size they read.
 */
final class LogSegment {
    private final long baseOffset;
    private final SegmentFile file;
    private OffsetIndex offsetIndex;
    private TimeIndex timeIndex;

    // Appender state.
    private int bytesSinceLastIndexEntry;
    private long maxTimestampSoFar = Long.MIN_VALUE;
    private long offsetOfMaxTimestamp;
    private long rollingBaseMs;

    // Published state, written in this order after the bytes.
    private volatile int size;
    private volatile long nextOffset;
    private volatile long largestTimestamp = Long.MIN_VALUE;

    private LogSegment(long baseOffset, SegmentFile file, OffsetIndex offsetIndex, TimeIndex timeIndex) {
        this.baseOffset = baseOffset;
        this.file = file;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.nextOffset = baseOffset;
        this.offsetOfMaxTimestamp = baseOffset;
    }

    /** Creates the files of a new, empty, active segment. */
    static LogSegment create(Path dir, long baseOffset, FileChannelOpener opener) throws IOException {
        SegmentFile file = SegmentFile.create(LogFileNames.logFile(dir, baseOffset), opener);
        LogSegment segment = new LogSegment(baseOffset, file,
                OffsetIndex.empty(baseOffset, new IndexFile(LogFileNames.indexFile(dir, baseOffset), opener)),
                TimeIndex.empty(baseOffset, new IndexFile(LogFileNames.timeIndexFile(dir, baseOffset), opener)));
        segment.openIndexesForAppend();
        return segment;
    }

    /**
     * Opens the files of an existing segment without reading them; follow with
     * {@link #loadFromIndexes} or {@link #recover}.
     */
    static LogSegment open(Path dir, long baseOffset, FileChannelOpener opener) throws IOException {
        SegmentFile file = SegmentFile.open(LogFileNames.logFile(dir, baseOffset), opener);
        return new LogSegment(baseOffset, file,
                OffsetIndex.empty(baseOffset, new IndexFile(LogFileNames.indexFile(dir, baseOffset), opener)),
                TimeIndex.empty(baseOffset, new IndexFile(LogFileNames.timeIndexFile(dir, baseOffset), opener)));
    }

    /**
     * Loads both indexes from their files and validates only the tail of the log file, from the last
     * offset index entry to the end: every batch there must be whole and valid and the last one must
     * end exactly at the end of the file.
     *
     * @throws CorruptSegmentException naming the problem, if an index or the tail is not sane; the
     *                                 segment then needs {@link #recover}
     */
    void loadFromIndexes() throws IOException {
        long fileSize = checkedFileSize();
        OffsetIndex loadedOffsets = OffsetIndex.load(baseOffset, offsetIndex.file(), (int) fileSize);
        TimeIndex loadedTimes = TimeIndex.load(baseOffset, timeIndex.file());
        OffsetPosition last = loadedOffsets.lastEntry();
        long[] tailMax = {Long.MIN_VALUE, baseOffset};
        BatchValidator.Result tail = new BatchValidator(file).scan(last.position(), last.offset(), fileSize,
                (batch, position) -> {
                    if (batch.maxTimestamp() > tailMax[0]) {
                        tailMax[0] = batch.maxTimestamp();
                        tailMax[1] = batch.baseOffset();
                    }
                });
        if (!tail.reachedEnd()) {
            throw new CorruptSegmentException("segment " + baseOffset + " tail from position " + last.position()
                    + ": " + tail.problem() + " at position " + tail.validEnd());
        }
        if (loadedTimes.entryCount() > 0 && loadedTimes.lastOffset() >= tail.nextOffset()) {
            throw new CorruptSegmentException("time index of segment " + baseOffset + " points at offset "
                    + loadedTimes.lastOffset() + ", beyond the log end " + tail.nextOffset());
        }
        offsetIndex = loadedOffsets;
        timeIndex = loadedTimes;
        if (tailMax[0] > loadedTimes.lastTimestamp()) {
            maxTimestampSoFar = tailMax[0];
            offsetOfMaxTimestamp = tailMax[1];
        } else {
            maxTimestampSoFar = loadedTimes.lastTimestamp();
            offsetOfMaxTimestamp = loadedTimes.lastOffset();
        }
        bytesSinceLastIndexEntry = (int) fileSize - last.position();
        publish((int) fileSize, tail.nextOffset());
    }

    /**
     * Validates every batch from the start, truncates the file after the last valid one, and rebuilds
     * both indexes from the valid batches (written through a temporary file and a rename).
     */
    RecoveryResult recover(int indexIntervalBytes) throws IOException {
        long fileSize = checkedFileSize();
        offsetIndex.clear();
        timeIndex.clear();
        bytesSinceLastIndexEntry = 0;
        maxTimestampSoFar = Long.MIN_VALUE;
        offsetOfMaxTimestamp = baseOffset;
        BatchValidator.Result result = new BatchValidator(file).scan(0, baseOffset, fileSize,
                (batch, position) -> indexBatch(batch, position, indexIntervalBytes));
        long truncated = fileSize - result.validEnd();
        if (truncated > 0) {
            file.truncate(result.validEnd());
        }
        if (result.batches() > 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
        }
        offsetIndex.writeFile();
        timeIndex.writeFile();
        publish(result.validEnd(), result.nextOffset());
        return new RecoveryResult(baseOffset, result.batches(), result.validEnd(), result.nextOffset(), truncated,
                result.problem());
    }

    /**
     * Cuts the file before the batch holding {@code offset} (or the first batch after it), rebuilds both
     * indexes from what is left and makes this the active segment: indexes open for appends, rolling age
     * restarted. A rare operation (truncation by epoch): it rescans the segment.
     *
     * @return the segment's next offset afterwards
     */
    long truncateTo(long offset, int indexIntervalBytes, long nowMs) throws IOException {
        OffsetPosition at = translateOffset(offset);
        offsetIndex.file().closeForAppend();
        timeIndex.file().closeForAppend();
        if (at != null) {
            file.truncate(at.position());
        }
        recover(indexIntervalBytes);
        openIndexesForAppend();
        initRollingBase(nowMs);
        return nextOffset;
    }

    /** Opens both index files for appends (the active segment), positioned after their entries. */
    void openIndexesForAppend() throws IOException {
        offsetIndex.file().openForAppend(offsetIndex.sizeInBytes());
        timeIndex.file().openForAppend(timeIndex.sizeInBytes());
    }

    /**
     * Sets the start of the age used for rolling by time of a segment that was loaded from disk: the
     * max timestamp of its first batch, but not later than {@code nowMs}.
     */
    void initRollingBase(long nowMs) throws IOException {
        RecordBatch first = size == 0 ? null
                : new BatchHeaderScanner(file.channel(), size, BatchHeaderScanner.DEFAULT_BUFFER_SIZE).headerAt(0);
        rollingBaseMs = first == null ? nowMs : Math.min(first.maxTimestamp(), nowMs);
    }

    /**
     * Whether a batch of {@code batchBytes} bytes whose last offset would be {@code lastOffset} must go
     * to a new segment instead: this one is not empty and would grow past {@code segmentBytes}, is
     * older than {@code segmentMs}, or cannot express the offset relative to its base.
     */
    boolean shouldRoll(int batchBytes, long lastOffset, long nowMs, LogConfig config) {
        if (size == 0) {
            return false;
        }
        return (long) size + batchBytes > config.segmentBytes()
                || nowMs - rollingBaseMs >= config.segmentMs()
                || lastOffset - baseOffset > Integer.MAX_VALUE;
    }

    /**
     * Appends a validated batch whose base offset is already assigned.
     *
     * @return the byte position of the batch in the file
     */
    int append(RecordBatch batch, ByteBuffer bytes, long nowMs, int indexIntervalBytes) throws IOException {
        int position = size;
        int batchBytes = bytes.remaining();
        file.write(bytes.duplicate(), position);
        if (position == 0) {
            rollingBaseMs = nowMs;
        }
        indexBatch(batch, position, indexIntervalBytes);
        publish(position + batchBytes, batch.nextOffset());
        return position;
    }

    private void indexBatch(RecordBatch batch, int position, int indexIntervalBytes) throws IOException {
        if (batch.maxTimestamp() > maxTimestampSoFar) {
            maxTimestampSoFar = batch.maxTimestamp();
            offsetOfMaxTimestamp = batch.baseOffset();
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            offsetIndex.append(batch.baseOffset(), position);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    private void publish(int newSize, long newNextOffset) {
        size = newSize;
        nextOffset = newNextOffset;
        largestTimestamp = maxTimestampSoFar;
    }

    /**
     * The run of whole batches that {@link #translateOffset} and {@link #fetchRange} describe, found
     * with one header scanner; null if the segment has no batch at or after {@code offset}.
     */
    SegmentRead read(long offset, int maxBytes) throws IOException {
        return read(offset, maxBytes, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(long, int)}, but never including a batch at or after {@code endOffset}: the
     * segment's size can already count a batch the log has not published yet.
     */
    SegmentRead read(long offset, int maxBytes, long endOffset) throws IOException {
        BatchHeaderScanner scanner = scanner();
        OffsetPosition first = translateOffset(offset, scanner);
        if (first == null) {
            return null;
        }
        if (first.offset() >= endOffset) {
            return new SegmentRead(first.offset(), new FetchRange(first.position(), 0, first.offset()));
        }
        FetchRange range = fetchRange(first.position(), maxBytes, scanner, endOffset);
        return new SegmentRead(first.offset(), range);
    }

    /** What {@link #read} found: the base offset of the first batch, and the range. */
    record SegmentRead(long firstBatchOffset, FetchRange range) {
    }

    /**
     * The batch that holds {@code offset}, or if none does (the offset fell between batches) the first
     * batch after it; null if the segment has no batch at or after {@code offset}.
     */
    OffsetPosition translateOffset(long offset) throws IOException {
        return translateOffset(offset, scanner());
    }

    private OffsetPosition translateOffset(long offset, BatchHeaderScanner scanner) throws IOException {
        OffsetPosition start = offsetIndex.floorOffset(offset);
        RecordBatch header;
        for (int position = start.position(); (header = scanner.headerAt(position)) != null;
             position += header.sizeInBytes()) {
            if (header.lastOffset() >= offset) {
                return new OffsetPosition(header.baseOffset(), position);
            }
        }
        return null;
    }

    /**
     * The run of whole batches starting at {@code startPosition} (a batch start) that fits in
     * {@code maxBytes}, and at least the first batch however large it is.
     */
    FetchRange fetchRange(int startPosition, int maxBytes) throws IOException {
        return fetchRange(startPosition, maxBytes, scanner(), Long.MAX_VALUE);
    }

    private FetchRange fetchRange(int startPosition, int maxBytes, BatchHeaderScanner scanner, long endOffset)
            throws IOException {
        long target = Math.min((long) startPosition + maxBytes, scanner.limit());
        OffsetPosition jump = offsetIndex.floorPosition((int) target);
        // An index entry at or past the end offset would skip over batches that must not be read.
        boolean jumped = jump.position() > startPosition && jump.offset() < endOffset;
        int position = jumped ? jump.position() : startPosition;
        // When the scan starts at an index entry, that entry's batch is the first one not yet counted.
        long next = jumped ? jump.offset() : -1;
        RecordBatch header;
        while ((header = scanner.headerAt(position)) != null) {
            if (header.baseOffset() >= endOffset && position != startPosition) {
                next = header.baseOffset();
                break;
            }
            long end = (long) position + header.sizeInBytes();
            if (end > target && position != startPosition) {
                next = header.baseOffset();
                break;
            }
            position = (int) end;
            next = header.nextOffset();
            if (end >= target) {
                break;
            }
        }
        return new FetchRange(startPosition, position - startPosition, next);
    }

    /** A scanner over the batches published so far. */
    private BatchHeaderScanner scanner() {
        return new BatchHeaderScanner(file.channel(), size, BatchHeaderScanner.DEFAULT_BUFFER_SIZE);
    }

    /** Where {@link #fetchRange} ends: {@code length} bytes from {@code start}, then {@code nextOffset}. */
    record FetchRange(int start, int length, long nextOffset) {
    }

    /** Base offset of the first batch whose max timestamp is at least {@code timestamp}, or -1. */
    long findOffsetByTimestamp(long timestamp) throws IOException {
        if (largestTimestamp < timestamp) {
            return -1;
        }
        OffsetPosition start = offsetIndex.floorOffset(timeIndex.scanStartFor(timestamp));
        BatchHeaderScanner scanner = scanner();
        RecordBatch header;
        for (int position = start.position(); (header = scanner.headerAt(position)) != null;
             position += header.sizeInBytes()) {
            if (header.maxTimestamp() >= timestamp) {
                return firstOffsetAtOrAfter(header, position, timestamp);
            }
        }
        return -1;
    }

    /** Within a batch whose largest timestamp is at or after {@code timestamp}: the first such record. */
    private long firstOffsetAtOrAfter(RecordBatch header, int position, long timestamp) throws IOException {
        if (header.firstTimestamp() >= timestamp) {
            return header.baseOffset();
        }
        ByteBuffer batch = ByteBuffer.allocate(header.sizeInBytes());
        file.readFully(batch, position);
        batch.flip();
        Iterator<Record> records = RecordBatch.of(batch).records();
        while (records.hasNext()) {
            Record r = records.next();
            if (r.timestamp() >= timestamp) {
                return r.offset();
            }
        }
        return header.baseOffset();
    }

    /**
     * Called when the segment stops being the active one: records its largest timestamp in the time
     * index, forces the log and both indexes to disk and closes the index files.
     */
    void onBecomeInactive() throws IOException {
        if (size > 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
        }
        file.force();
        offsetIndex.file().closeForAppend();
        timeIndex.file().closeForAppend();
    }

    /** Forces the log file's data to disk. */
    void flushLog() throws IOException {
        file.force();
    }

    /** Forces the log file and the index files open for appends. */
    void flushAll() throws IOException {
        file.force();
        offsetIndex.file().flush();
        timeIndex.file().flush();
    }

    /** Renames the three files with the {@code .deleted} suffix; the log file stays open for readers. */
    void renameToDeleted() throws IOException {
        offsetIndex.file().closeChannel();
        timeIndex.file().closeChannel();
        for (Path index : new Path[] {offsetIndex.file().path(), timeIndex.file().path()}) {
            if (Files.exists(index)) {
                Files.move(index, LogFileNames.withSuffix(index, LogFileNames.DELETED_SUFFIX));
            }
        }
        file.renameTo(LogFileNames.withSuffix(file.path(), LogFileNames.DELETED_SUFFIX));
    }

    /** Closes the log file and deletes the segment's files, renamed or not. */
    void closeAndDelete() throws IOException {
        file.close();
        Files.deleteIfExists(file.path());
        for (Path index : new Path[] {offsetIndex.file().path(), timeIndex.file().path()}) {
            Files.deleteIfExists(index);
            Files.deleteIfExists(LogFileNames.withSuffix(index, LogFileNames.DELETED_SUFFIX));
        }
    }

    /** Closes every open file of the segment. */
    void close() throws IOException {
        try {
            offsetIndex.file().closeChannel();
            timeIndex.file().closeChannel();
        } finally {
            file.close();
        }
    }

    private long checkedFileSize() throws IOException {
        long fileSize = file.fileSize();
        if (fileSize > Integer.MAX_VALUE) {
            throw new CorruptSegmentException("segment " + baseOffset + " is " + fileSize
                    + " bytes, more than a segment can address");
        }
        return fileSize;
    }

    long baseOffset() {
        return baseOffset;
    }

    long nextOffset() {
        return nextOffset;
    }

    int sizeInBytes() {
        return size;
    }

    long largestTimestamp() {
        return largestTimestamp;
    }

    FileChannel channel() {
        return file.channel();
    }

    Path path() {
        return file.path();
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    SegmentInfo info(boolean active) {
        long largest = largestTimestamp;
        int bytes = size;
        return new SegmentInfo(baseOffset, nextOffset, bytes, largest, active);
    }

    @Override
    public String toString() {
        return "LogSegment[" + baseOffset + ", size " + size + ", next offset " + nextOffset + "]";
    }
}
