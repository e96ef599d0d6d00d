package io.logjms.broker.destination;

import io.logjms.broker.log.FetchData;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.FileBatches;
import io.logjms.broker.subscription.PartitionSource;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A partition log as subscriptions read it: consumers see only durable records under
 * {@code fsync.policy=every-batch}, and every read stops there.
 */
public record LogPartitionSource(int partition, PartitionLog log) implements PartitionSource {
    @Override
    public long logStartOffset() {
        return log.logStartOffset();
    }

    /** Under every-batch, consumers see only what is on disk; otherwise what is written. */
    @Override
    public long logEndOffset() {
        return log.config().fsyncPolicy() == FsyncPolicy.EVERY_BATCH
                ? Math.min(log.flushedOffset(), log.logEndOffset()) : log.logEndOffset();
    }

    @Override
    public List<ByteBuffer> readBatches(long offset, int maxBytes) {
        return log.readBatches(offset, maxBytes, logEndOffset());
    }

    @Override
    public FileBatches readFileBatches(long offset, int maxBytes) {
        long upTo = logEndOffset();
        FetchData range = log.read(offset, maxBytes, upTo);
        if (range.isEmpty()) {
            return new FileBatches(null, 0, List.of());
        }
        List<ByteBuffer> batches = log.readBatches(offset, maxBytes, upTo);
        long size = 0;
        for (ByteBuffer b : batches) {
            size += b.remaining();
        }
        if (size != range.sizeInBytes() || batches.isEmpty()
                || RecordBatch.of(batches.get(0)).baseOffset() != range.firstBatchOffset()) {
            return null; // retention or a roll changed the log between the two reads
        }
        return new FileBatches(range.channel(), range.position(), batches);
    }

    @Override
    public long offsetForTimestamp(long timestamp) {
        return log.offsetForTimestamp(timestamp);
    }
}
