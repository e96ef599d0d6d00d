package io.logjms.broker.log;

import java.util.ArrayList;
import java.util.List;

/**
 * One producer id's state on one partition: its epoch and its last {@value #MAX_BATCHES} batches (sequence
 * ranges and the offsets they got), enough to answer a resend of any batch a client can have in flight.
 * Kept in parallel arrays used as a ring so that recording a batch allocates nothing. Not thread-safe.
 */
final class ProducerStateEntry {
    /** Batches remembered per producer: more than a client keeps in flight per partition. */
    static final int MAX_BATCHES = 5;

    private final long producerId;
    private short epoch;
    private long lastTimestamp;
    private final int[] firstSequences = new int[MAX_BATCHES];
    private final int[] lastSequences = new int[MAX_BATCHES];
    private final long[] firstOffsets = new long[MAX_BATCHES];
    private final long[] lastOffsets = new long[MAX_BATCHES];
    private final long[] timestamps = new long[MAX_BATCHES];
    /** Index of the oldest batch in the ring. */
    private int oldest;
    private int count;

    ProducerStateEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    long producerId() {
        return producerId;
    }

    short epoch() {
        return epoch;
    }

    /** The largest batch timestamp seen from this producer; for expiry. */
    long lastTimestamp() {
        return lastTimestamp;
    }

    int batchCount() {
        return count;
    }

    /** Slot of the {@code i}-th remembered batch, oldest first. */
    int slot(int i) {
        return (oldest + i) % MAX_BATCHES;
    }

    int lastSequence() {
        return lastSequences[slot(count - 1)];
    }

    int firstSequence(int slot) {
        return firstSequences[slot];
    }

    int lastSequence(int slot) {
        return lastSequences[slot];
    }

    long firstOffset(int slot) {
        return firstOffsets[slot];
    }

    long lastOffset(int slot) {
        return lastOffsets[slot];
    }

    long timestamp(int slot) {
        return timestamps[slot];
    }

    /** The slot of a remembered batch with exactly this sequence range, or -1. */
    int findBatch(int firstSequence, int lastSequence) {
        for (int i = count - 1; i >= 0; i--) {
            int s = slot(i);
            if (firstSequences[s] == firstSequence && lastSequences[s] == lastSequence) {
                return s;
            }
        }
        return -1;
    }

    /** Whether a batch ending at {@code lastSequence} of {@code epoch} is in the log per this state. */
    boolean covers(short epoch, int lastSequence) {
        if (count == 0 || epoch != this.epoch) {
            return epoch < this.epoch;
        }
        int first = firstSequences[slot(0)];
        int last = lastSequence();
        // Sequences are contiguous per epoch, so everything up to the last one is in the log; within the
        // window the comparison must allow for wrapping.
        return first <= last ? lastSequence <= last : lastSequence <= last || lastSequence >= first;
    }

    /** Remembers a batch; a newer epoch forgets the batches of the older one. */
    void record(short batchEpoch, int firstSequence, int lastSequence, long firstOffset, long lastOffset,
                long timestamp) {
        if (batchEpoch != epoch) {
            epoch = batchEpoch;
            count = 0;
            oldest = 0;
        }
        int s;
        if (count < MAX_BATCHES) {
            s = slot(count);
            count++;
        } else {
            s = oldest;
            oldest = (oldest + 1) % MAX_BATCHES;
        }
        firstSequences[s] = firstSequence;
        lastSequences[s] = lastSequence;
        firstOffsets[s] = firstOffset;
        lastOffsets[s] = lastOffset;
        timestamps[s] = timestamp;
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    /** The remembered batches, oldest first (a copy, for snapshots and tests). */
    List<BatchMetadata> batches() {
        List<BatchMetadata> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = slot(i);
            list.add(new BatchMetadata(firstSequences[s], lastSequences[s], firstOffsets[s], lastOffsets[s],
                    timestamps[s]));
        }
        return list;
    }
}
