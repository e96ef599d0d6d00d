package io.logjms.provider.send;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.provider.client.LimitExceededException;

/**
 * The size limits the broker announced in the handshake, applied before anything leaves: a record
 * batch holds at most {@code maxBatchBytes}, and the frame that carries it (PRODUCE, or COMMIT in a
 * transaction: frame header, destination, partition, lengths) at most {@code maxFrameBytes}.
 * Immutable.
 */
public record SendLimits(int maxFrameBytes, int maxBatchBytes) {

    /**
     * The largest batch for {@code destination}: within max.batch.bytes, with its PRODUCE frame within
     * max.frame.bytes.
     */
    public int batchLimit(DestinationId destination) {
        return Math.min(maxBatchBytes, maxFrameBytes - ProduceRequest.frameBytes(destination, 0));
    }

    /**
     * Checks that {@code record} can be sent in a batch of its own.
     *
     * @param transacted whether it travels in a COMMIT frame rather than a PRODUCE frame
     * @throws LimitExceededException naming the size and the limit it exceeds, in bytes
     */
    public void check(OutgoingRecord record, boolean transacted) {
        int batch = RecordBatchBuilder.singleRecordBatchSize(record.key(), record.headers(), record.value());
        if (batch > maxBatchBytes) {
            throw new LimitExceededException(ErrorCode.BATCH_TOO_LARGE, "the message takes " + batch
                    + " bytes as a record batch, more than the broker's max.batch.bytes of " + maxBatchBytes
                    + " bytes");
        }
        int frame = transacted ? CommitRequest.singleBatchFrameBytes(record.destination(), batch)
                : ProduceRequest.frameBytes(record.destination(), batch);
        if (frame > maxFrameBytes) {
            throw new LimitExceededException(ErrorCode.FRAME_TOO_LARGE, "the message needs a "
                    + (transacted ? "COMMIT" : "PRODUCE") + " frame of " + frame
                    + " bytes, more than the broker's max.frame.bytes of " + maxFrameBytes + " bytes");
        }
    }
}
