package io.logjms.broker.log;

/**
 * Where {@link PartitionLog#append} put a batch.
 *
 * @param baseOffset        offset assigned to the batch's first record
 * @param lastOffset        offset of its last record
 * @param logAppendTimeMs   the broker clock when the batch was appended
 * @param segmentBaseOffset base offset of the segment that holds the batch
 * @param position          byte position of the batch in that segment's {@code .log} file
 * @param sizeInBytes       size of the batch
 * @see #duplicate()
 */
public record AppendResult(long baseOffset, long lastOffset, long logAppendTimeMs, long segmentBaseOffset,
                           int position, int sizeInBytes) {

    /**
     * The answer to a duplicate of a batch already in the log: the original's offsets, its max timestamp, and
     * no segment position since nothing was written.
     */
    static AppendResult duplicate(long baseOffset, long lastOffset, long timestamp) {
        return new AppendResult(baseOffset, lastOffset, timestamp, -1, -1, 0);
    }

    /** Whether the batch was a duplicate of one already in the log and was not written again. */
    public boolean duplicate() {
        return position < 0;
    }
}
