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
 */
public record AppendResult(long baseOffset, long lastOffset, long logAppendTimeMs, long segmentBaseOffset,
                           int position, int sizeInBytes) {
}
