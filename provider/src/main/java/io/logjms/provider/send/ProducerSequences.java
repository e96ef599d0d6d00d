package io.logjms.provider.send;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.protocol.record.RecordBatchLayout;
import java.util.HashMap;
import java.util.Map;

/**
 * A producing session's identity and its next sequence per partition. Every batch the session sends to a
 * partition takes the sequences of its records in order, so the broker can drop a resent batch and refuse
 * a gap. Until {@link #assign} is called (or if it never is) batches go out without a producer id and are
 * not checked by the broker. Thread-safe.
 */
public final class ProducerSequences {
    private long producerId = RecordBatchLayout.NO_PRODUCER_ID;
    private short epoch = RecordBatchLayout.NO_PRODUCER_EPOCH;
    private final Map<PartitionKey, Integer> next = new HashMap<>();

    private record PartitionKey(DestinationId destination, int partition) {
    }

    /** Takes the identity the broker gave; every partition's sequence starts again at 0. */
    public synchronized void assign(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
        next.clear();
    }

    public synchronized boolean isAssigned() {
        return producerId != RecordBatchLayout.NO_PRODUCER_ID;
    }

    public synchronized long producerId() {
        return producerId;
    }

    public synchronized short epoch() {
        return epoch;
    }

    /**
     * Stamps the identity and the partition's next sequence on {@code builder} (before it is built) and moves
     * the sequence past its records; nothing when no identity is assigned. Returns the base sequence or
     * {@link RecordBatchLayout#NO_SEQUENCE}.
     */
    public synchronized int stamp(RecordBatchBuilder builder, DestinationId destination, int partition) {
        if (producerId == RecordBatchLayout.NO_PRODUCER_ID) {
            return RecordBatchLayout.NO_SEQUENCE;
        }
        PartitionKey key = new PartitionKey(destination, partition);
        int base = next.getOrDefault(key, 0);
        builder.producer(producerId, epoch, base);
        next.put(key, RecordBatch.incrementSequence(base, builder.recordCount()));
        return base;
    }

    /** Sets a partition's next sequence back to {@code sequence}: the batches from there were not stored. */
    public synchronized void rewind(DestinationId destination, int partition, int sequence) {
        if (producerId != RecordBatchLayout.NO_PRODUCER_ID && sequence >= 0) {
            next.put(new PartitionKey(destination, partition), sequence);
        }
    }

    /** The sequence the next batch to the partition will start with. */
    public synchronized int nextSequence(DestinationId destination, int partition) {
        return next.getOrDefault(new PartitionKey(destination, partition), 0);
    }
}
