package io.logjms.broker.log;

/**
 * A snapshot of one segment, for admin listings.
 *
 * @param baseOffset       offset of the segment's first batch (its file name)
 * @param nextOffset       offset after its last batch
 * @param sizeInBytes      bytes of its {@code .log} file holding whole batches
 * @param largestTimestamp largest batch max timestamp in it, {@link Long#MIN_VALUE} if it is empty
 * @param active           whether it is the segment appends go to
 */
public record SegmentInfo(long baseOffset, long nextOffset, int sizeInBytes, long largestTimestamp,
                          boolean active) {
}
