package io.logjms.broker.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cuts the newest part of a partition log's segments; see {@link PartitionLog#truncateTo}. */
final class LogTruncation {
    private static final Logger LOG = LoggerFactory.getLogger(LogTruncation.class);

    private LogTruncation() {
    }

    /**
     * Replaces every segment by one new, empty segment at {@code offset}, which must be past the log end: the new
     * segment is added before the old ones are removed (their files deleted after
     * {@link LogConfig#fileDeleteDelayMs()}), so the log always has a segment. Called under the log's append lock;
     * see {@link PartitionLog#truncateFullyAndStartAt}.
     */
    static void startOver(TopicPartition tp, Path dir, FileChannelOpener opener, LogSegments segments,
                          SegmentRetention retention, long logEndOffset, long offset, long nowMs, LogConfig cfg)
            throws IOException {
        if (offset <= logEndOffset) {
            throw new IllegalArgumentException(tp + ": a log can only start over past the log end (" + logEndOffset
                    + "), not at " + offset);
        }
        List<LogSegment> old = segments.all();
        segments.add(LogSegment.create(dir, offset, opener));
        Directories.fsync(dir);
        for (LogSegment segment : old) {
            retention.retire(segments, segment, nowMs, cfg);
        }
        retention.deleteDue(nowMs);
        LOG.warn("Partition {}: removed the log [{}, {}) and started it over at {}", tp,
                old.get(0).baseOffset(), logEndOffset, offset);
    }

    /**
     * Removes the segments that start after {@code offset} (or at it, unless it is the first segment) and cuts
     * the one holding {@code offset} before the batch holding it. Called under the log's append lock.
     *
     * @return the new log end offset: {@code offset}, or the base offset of the batch holding it
     */
    static long truncate(LogSegments segments, SegmentRetention retention, long offset, long nowMs, LogConfig cfg)
            throws IOException {
        List<LogSegment> all = segments.all();
        for (int i = all.size() - 1; i > 0; i--) {
            LogSegment segment = all.get(i);
            if (segment.baseOffset() < offset) {
                break;
            }
            retention.retire(segments, segment, nowMs, cfg);
        }
        LogSegment last = segments.last();
        if (last.nextOffset() <= offset) {
            last.truncateTo(last.nextOffset(), cfg.indexIntervalBytes(), nowMs);
            return last.nextOffset();
        }
        return last.truncateTo(offset, cfg.indexIntervalBytes(), nowMs);
    }
}
