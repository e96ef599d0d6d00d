package io.logjms.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The read side of a {@link PartitionLog}: byte ranges of whole batches, copies of them and timestamp
 * lookups, without the append lock (see the log's thread-safety contract). A reader that meets a channel
 * closed under it tells a closed log or a segment removed by retention from a real failure.
 */
final class LogReader {
    private final TopicPartition topicPartition;
    private final LogSegments segments;
    private final LogHealth health;
    private final LongSupplier logStartOffset;
    private final LongSupplier logEndOffset;

    LogReader(TopicPartition topicPartition, LogSegments segments, LogHealth health, LongSupplier logStartOffset,
              LongSupplier logEndOffset) {
        this.topicPartition = topicPartition;
        this.segments = segments;
        this.health = health;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    /** See {@link PartitionLog#read(long, int, long)}. */
    FetchData read(long offset, int maxBytes, long upTo) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        health.checkOnline();
        long start = logStartOffset.getAsLong();
        long end = logEndOffset.getAsLong();
        if (offset == end) {
            return FetchData.empty(offset, start, end);
        }
        if (offset < start || offset > end) {
            throw new OffsetOutOfRangeException(topicPartition, offset, start, end);
        }
        // The segment's size may already count a batch appended after the log end was read.
        long limit = Math.min(end, upTo);
        if (offset >= limit) {
            return FetchData.empty(offset, start, end);
        }
        try {
            for (LogSegment segment = segments.floor(offset); segment != null;
                 segment = segments.higher(segment.baseOffset())) {
                LogSegment.SegmentRead found = segment.read(offset, maxBytes, limit);
                if (found != null) {
                    LogSegment.FetchRange range = found.range();
                    return new FetchData(segment.channel(), range.start(), range.length(), offset,
                            found.firstBatchOffset(), range.nextOffset(), start, end);
                }
            }
        } catch (ClosedChannelException e) {
            throw readRace(offset, e);
        } catch (IOException e) {
            throw health.failure("read", e);
        }
        // Only retention removing the segment after the range check gets here.
        throw new OffsetOutOfRangeException(topicPartition, offset, logStartOffset.getAsLong(), logEndOffset.getAsLong());
    }

    /** See {@link PartitionLog#readBatches(long, int, long)}. */
    List<ByteBuffer> readBatches(long offset, int maxBytes, long upTo) {
        FetchData data = read(offset, maxBytes, upTo);
        try {
            return FetchData.splitBatches(data.copyBytes());
        } catch (ClosedChannelException e) {
            throw readRace(offset, e);
        } catch (IOException e) {
            throw health.failure("read", e);
        }
    }

    /** See {@link PartitionLog#offsetForTimestamp(long)}. */
    long offsetForTimestamp(long timestamp) {
        health.checkOnline();
        long end = logEndOffset.getAsLong();
        try {
            for (LogSegment segment : segments.all()) {
                if (segment.largestTimestamp() >= timestamp) {
                    long offset = segment.findOffsetByTimestamp(timestamp);
                    if (offset >= 0) {
                        return offset;
                    }
                }
            }
        } catch (ClosedChannelException e) {
            throw readRace(logStartOffset.getAsLong(), e);
        } catch (IOException e) {
            throw health.failure("timestamp lookup", e);
        }
        return end;
    }

    /**
     * A closed channel met by a reader: the log was closed, or the segment was removed by retention
     * (with no file delete delay) after the reader found it; otherwise a real failure.
     */
    private LogException readRace(long offset, ClosedChannelException e) {
        if (health.state() == LogState.CLOSED) {
            return new LogClosedException(topicPartition);
        }
        if (offset < logStartOffset.getAsLong()) {
            return new OffsetOutOfRangeException(topicPartition, offset, logStartOffset.getAsLong(), logEndOffset.getAsLong());
        }
        return health.failure("read", e);
    }
}
