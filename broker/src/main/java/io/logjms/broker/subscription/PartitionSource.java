package io.logjms.broker.subscription;

import io.logjms.broker.log.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;

/** What a subscription reads from one partition of its destination's log. */
public interface PartitionSource {
    int partition();

    long logStartOffset();

    /** The next offset consumers may see: the log end, or less while records are not durable yet. */
    long logEndOffset();

    /**
     * Whole record batches starting with the batch that holds {@code offset}, about {@code maxBytes}
     * (at least one batch), never past {@link #logEndOffset()}. Empty at the log end.
     */
    List<ByteBuffer> readBatches(long offset, int maxBytes);

    /**
     * As {@link #readBatches}, with where the batches lie in their segment file, so that they can be
     * sent from it. Null when they cannot be: the source has no file, or the log changed between the
     * two reads (the caller then reads record by record).
     */
    default FileBatches readFileBatches(long offset, int maxBytes) {
        return null;
    }

    /** The first offset whose record timestamp is at or after {@code timestamp}, or the log end. */
    long offsetForTimestamp(long timestamp);

    /** Whether this broker leads the partition (always, on a standalone broker). */
    default boolean ledHere() {
        return true;
    }

    /** The partition's leader epoch as this broker knows it. */
    default int leaderEpoch() {
        return 0;
    }

    /** The log's name for the partition, for errors; null where the source has no log. */
    default TopicPartition topicPartition() {
        return null;
    }
}
