package io.logjms.broker.subscription;

import java.nio.ByteBuffer;
import java.util.List;

/** What a subscription reads from one partition of its destination's log. */
public interface PartitionSource {
    int partition();

    long logStartOffset();

    /** The next offset to be written. */
    long logEndOffset();

    /**
     * Whole record batches starting with the batch that holds {@code offset}, about {@code maxBytes}
     * (at least one batch). Empty at the log end.
     */
    List<ByteBuffer> readBatches(long offset, int maxBytes);

    /** The first offset whose record timestamp is at or after {@code timestamp}, or the log end. */
    long offsetForTimestamp(long timestamp);
}
