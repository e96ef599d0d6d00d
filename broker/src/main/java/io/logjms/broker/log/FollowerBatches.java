package io.logjms.broker.log;

import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;

/** Checks the batches a follower copies from its leader before {@link PartitionLog#appendAsFollower} writes any. */
final class FollowerBatches {
    private FollowerBatches() {
    }

    /**
     * Checks every batch of {@code batches} (position to limit): valid, within {@code maxBatchBytes}, the first
     * starting at {@code logEndOffset} and each where the previous one ended, leader epochs never below
     * {@code latestEpoch} and never decreasing. {@code batch} is the view to reuse.
     */
    static void check(TopicPartition topicPartition, ByteBuffer batches, RecordBatch batch, long logEndOffset,
                      int latestEpoch, int maxBatchBytes) {
        long expected = logEndOffset;
        int epoch = latestEpoch;
        for (int p = batches.position(); p < batches.limit(); p += batch.sizeInBytes()) {
            batch.wrap(batches, p);
            batch.validate();
            if (batch.sizeInBytes() > maxBatchBytes) {
                throw new BatchTooLargeException(topicPartition, batch.sizeInBytes(), maxBatchBytes);
            }
            if (batch.baseOffset() != expected) {
                throw new NonContiguousAppendException(topicPartition, "follower batch at byte " + (p
                        - batches.position()) + " starts at offset " + batch.baseOffset() + ", expected " + expected);
            }
            if (batch.leaderEpoch() < epoch) {
                throw new StaleLeaderEpochException(topicPartition, "follower batch at offset " + expected
                        + " has leader epoch " + batch.leaderEpoch() + ", older than epoch " + epoch);
            }
            epoch = batch.leaderEpoch();
            expected = batch.nextOffset();
        }
    }
}
