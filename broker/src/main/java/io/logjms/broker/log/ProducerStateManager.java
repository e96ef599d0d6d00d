package io.logjms.broker.log;

import io.logjms.protocol.record.InvalidRecordException;
import io.logjms.protocol.record.RecordBatch;
import java.util.Map;
import java.util.TreeMap;

/**
 * The producer state of one partition: per producer id, its epoch and last batches
 * ({@link ProducerStateEntry}). The append path asks {@link #check} before writing a batch of an idempotent
 * producer and tells {@link #record} after; recovery replays batches from the log through {@link #replay}
 * without checks. Batches without a producer id are neither checked nor remembered.
 *
 * <p>Rules for a batch of producer P, epoch E, sequences [first, last]:
 * <ul>
 *   <li>E older than the epoch P last wrote with: {@link ProducerFencedException};</li>
 *   <li>the same sequence range as one of P's last {@value ProducerStateEntry#MAX_BATCHES} batches of epoch
 *       E: a duplicate, answered with the offsets of the original;</li>
 *   <li>otherwise {@code first} must be P's last sequence plus one, or 0 for a producer or epoch new to the
 *       partition: anything else is an {@link OutOfOrderSequenceException} naming both numbers.</li>
 * </ul>
 * Not thread-safe: the {@link PartitionLog} calls it under its append lock.
 */
final class ProducerStateManager {
    /** {@link #check} result: the batch is new and in sequence. */
    static final int APPEND = -1;
    /**
     * A producer whose newest batch on the partition is older than this (by its own timestamps) is forgotten
     * when a snapshot is written; a batch it sends after that must start a new epoch or sequence 0.
     */
    static final long EXPIRY_MS = 7L * 24 * 60 * 60 * 1000;

    private final TopicPartition topicPartition;
    private ProducerTable producers = new ProducerTable();
    /** The offset up to which (exclusive) batches have been recorded: the log end when in step. */
    private long mapEndOffset;

    ProducerStateManager(TopicPartition topicPartition, long mapEndOffset) {
        this.topicPartition = topicPartition;
        this.mapEndOffset = mapEndOffset;
    }

    long mapEndOffset() {
        return mapEndOffset;
    }

    ProducerStateEntry entry(long producerId) {
        return producers.get(producerId);
    }

    int producerCount() {
        return producers.size();
    }

    /**
     * Checks a batch that carries a producer id. Returns {@link #APPEND} when it is to be written, or the slot
     * in {@link #entry}{@code (producerId)} of the batch it duplicates.
     *
     * @throws ProducerFencedException      for an epoch older than the producer's current one
     * @throws OutOfOrderSequenceException  for a sequence that does not continue the producer's
     * @throws InvalidRecordException       for a negative epoch or sequence
     */
    int check(long producerId, short epoch, int firstSequence, int lastSequence) {
        if (producerId < 0 || epoch < 0 || firstSequence < 0) {
            throw new InvalidRecordException("batch of producer " + producerId + " carries epoch " + epoch
                    + " and sequence " + firstSequence + "; an idempotent batch needs a producer id, epoch and"
                    + " sequence of 0 or more");
        }
        ProducerStateEntry entry = producers.get(producerId);
        if (entry == null || entry.batchCount() == 0) {
            if (firstSequence != 0) {
                throw outOfOrder(producerId, epoch, 0, firstSequence, " (the producer is new on this partition)");
            }
            return APPEND;
        }
        if (epoch < entry.epoch()) {
            throw new ProducerFencedException(topicPartition, producerId, epoch, entry.epoch());
        }
        if (epoch > entry.epoch()) {
            if (firstSequence != 0) {
                throw outOfOrder(producerId, epoch, 0, firstSequence, " (the epoch is new on this partition)");
            }
            return APPEND;
        }
        int duplicate = entry.findBatch(firstSequence, lastSequence);
        if (duplicate >= 0) {
            return duplicate;
        }
        int expected = RecordBatch.incrementSequence(entry.lastSequence(), 1);
        if (firstSequence != expected) {
            throw outOfOrder(producerId, epoch, expected, firstSequence, "");
        }
        return APPEND;
    }

    private OutOfOrderSequenceException outOfOrder(long producerId, short epoch, int expected, int got, String why) {
        return new OutOfOrderSequenceException(topicPartition, "expected sequence " + expected + ", got " + got
                + " for producer " + producerId + " (epoch " + epoch + ") on partition " + topicPartition + why);
    }

    /** Remembers an appended batch of an idempotent producer and moves the map end past it. */
    void record(long producerId, short epoch, int firstSequence, int lastSequence, long firstOffset,
                long lastOffset, long timestamp) {
        ProducerStateEntry entry = producers.get(producerId);
        if (entry == null) {
            entry = new ProducerStateEntry(producerId, epoch);
            producers.put(entry);
        }
        entry.record(epoch, firstSequence, lastSequence, firstOffset, lastOffset, timestamp);
        mapEndOffset = lastOffset + 1;
    }

    /** Applies a batch read back from the log (recovery): no checks, batches of a fenced epoch are skipped. */
    void replay(RecordBatch batch) {
        if (batch.hasProducerId() && batch.producerId() >= 0) {
            ProducerStateEntry entry = producers.get(batch.producerId());
            if (entry == null || batch.producerEpoch() >= entry.epoch()) {
                record(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(),
                        batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp());
            }
        }
        mapEndOffset = batch.nextOffset();
    }

    /** Notes that the log end moved past a batch without a producer id. */
    void advanceTo(long nextOffset) {
        mapEndOffset = Math.max(mapEndOffset, nextOffset);
    }

    /** Forgets producers whose newest batch timestamp is before {@code cutoff}. */
    int expireBefore(long cutoff) {
        ProducerTable kept = new ProducerTable();
        int[] removed = {0};
        producers.forEach(e -> {
            if (e.lastTimestamp() >= cutoff) {
                kept.put(e);
            } else {
                removed[0]++;
            }
        });
        if (removed[0] > 0) {
            producers = kept;
        }
        return removed[0];
    }

    /** A value copy of the state, by producer id; for snapshots and tests. */
    Map<Long, ProducerSnapshot> snapshot() {
        Map<Long, ProducerSnapshot> copy = new TreeMap<>();
        producers.forEach(e -> copy.put(e.producerId(), new ProducerSnapshot(e.producerId(), e.epoch(),
                e.batches())));
        return copy;
    }

    /** Replaces the state by a loaded snapshot taken at {@code offset}. */
    void restore(Map<Long, ProducerSnapshot> state, long offset) {
        producers = new ProducerTable();
        for (ProducerSnapshot p : state.values()) {
            ProducerStateEntry entry = new ProducerStateEntry(p.producerId(), p.epoch());
            for (BatchMetadata b : p.batches()) {
                entry.record(p.epoch(), b.firstSequence(), b.lastSequence(), b.firstOffset(), b.lastOffset(),
                        b.timestamp());
            }
            producers.put(entry);
        }
        mapEndOffset = offset;
    }

    /** One producer's state as a value. */
    record ProducerSnapshot(long producerId, short epoch, java.util.List<BatchMetadata> batches) {
    }
}
