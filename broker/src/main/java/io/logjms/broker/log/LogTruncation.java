package io.logjms.broker.log;

import java.io.IOException;
import java.util.List;

/** Cuts the newest part of a partition log's segments; see {@link PartitionLog#truncateTo}. */
final class LogTruncation {
    private LogTruncation() {
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
