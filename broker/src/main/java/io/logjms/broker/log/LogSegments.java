package io.logjms.broker.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The segments of a partition log ordered by base offset; the last one is the active segment.
 * Thread-safe for lookups concurrent with changes; changes are made under the partition's lock.
 */
final class LogSegments {
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();

    void add(LogSegment segment) {
        segments.put(segment.baseOffset(), segment);
    }

    void remove(LogSegment segment) {
        segments.remove(segment.baseOffset(), segment);
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    int count() {
        return segments.size();
    }

    /** The segment that would hold {@code offset}: the one with the greatest base offset not above it. */
    LogSegment floor(long offset) {
        return value(segments.floorEntry(offset));
    }

    /** The segment after the one based at {@code baseOffset}, or null. */
    LogSegment higher(long baseOffset) {
        return value(segments.higherEntry(baseOffset));
    }

    LogSegment first() {
        return value(segments.firstEntry());
    }

    /** The active segment. */
    LogSegment last() {
        return value(segments.lastEntry());
    }

    /** A snapshot of the segments in offset order. */
    List<LogSegment> all() {
        return new ArrayList<>(segments.values());
    }

    long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.sizeInBytes();
        }
        return total;
    }

    private static LogSegment value(Map.Entry<Long, LogSegment> entry) {
        return entry == null ? null : entry.getValue();
    }
}
