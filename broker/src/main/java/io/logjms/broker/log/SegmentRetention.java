package io.logjms.broker.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes whole segments from a {@link PartitionLog}: the oldest ones by retention, the newest ones by
 * truncation. A removed segment is renamed {@code .deleted} and its files stay open until
 * {@link LogConfig#fileDeleteDelayMs()} has passed, so a reader that found it a moment before still reads
 * it. Not thread-safe: called under the log's append lock.
 */
final class SegmentRetention {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRetention.class);

    private final TopicPartition topicPartition;
    private final List<PendingDeletion> pendingDeletions = new ArrayList<>();

    private record PendingDeletion(LogSegment segment, long deleteAtMs) {
    }

    SegmentRetention(TopicPartition topicPartition) {
        this.topicPartition = topicPartition;
    }

    /**
     * Removes the oldest closed segments while they are expired or the log is over its size limit, never the
     * active one, telling {@code newLogStart} each new log start; then deletes the files that are due.
     *
     * @return the number of segments removed
     */
    int apply(LogSegments segments, LogConfig cfg, long now, LongConsumer newLogStart) throws IOException {
        List<LogSegment> all = segments.all();
        long total = segments.sizeInBytes();
        long cutoff = cfg.retentionMs() == LogConfig.UNLIMITED ? Long.MIN_VALUE
                : ProducerStates.saturatedMinus(now, cfg.retentionMs());
        int removed = 0;
        for (int i = 0; i < all.size() - 1; i++) {
            LogSegment segment = all.get(i);
            boolean expired = segment.largestTimestamp() < cutoff;
            boolean overSize = cfg.retentionBytes() != LogConfig.UNLIMITED && total > cfg.retentionBytes();
            if (!expired && !overSize) {
                break;
            }
            newLogStart.accept(all.get(i + 1).baseOffset());
            LOG.info("Partition {}: removing segment {} (offsets [{}, {}), {} bytes, largest timestamp {}) by {}"
                            + " retention", topicPartition, segment.baseOffset(), segment.baseOffset(),
                    segment.nextOffset(), segment.sizeInBytes(), segment.largestTimestamp(), expired ? "time" : "size");
            retire(segments, segment, now, cfg);
            total -= segment.sizeInBytes();
            removed++;
        }
        deleteDue(now);
        return removed;
    }

    /** Takes {@code segment} out of {@code segments} and schedules its files for deletion. */
    void retire(LogSegments segments, LogSegment segment, long now, LogConfig cfg) throws IOException {
        segments.remove(segment);
        segment.renameToDeleted();
        pendingDeletions.add(new PendingDeletion(segment, now + cfg.fileDeleteDelayMs()));
    }

    /** Deletes the files of removed segments whose delay has passed. */
    void deleteDue(long now) throws IOException {
        Iterator<PendingDeletion> it = pendingDeletions.iterator();
        while (it.hasNext()) {
            PendingDeletion pending = it.next();
            if (pending.deleteAtMs() <= now) {
                it.remove();
                pending.segment().closeAndDelete();
            }
        }
    }

    /** Deletes the files of every removed segment now (the log is closing). */
    void deleteAllQuietly() {
        for (PendingDeletion pending : pendingDeletions) {
            try {
                pending.segment().closeAndDelete();
            } catch (IOException e) {
                LOG.warn("Partition {}: error deleting removed segment {}", topicPartition,
                        pending.segment().baseOffset(), e);
            }
        }
        pendingDeletions.clear();
    }
}
