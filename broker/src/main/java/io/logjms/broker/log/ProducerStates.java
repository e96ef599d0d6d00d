package io.logjms.broker.log;

import io.logjms.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer state of one {@link PartitionLog} as its append path and its callers use it: duplicate
 * detection before a write, bookkeeping after, the queries transactions make, snapshots at rolls and close,
 * and a rebuild after truncation. Every method runs under the log's append lock: the append path holds it
 * already, the public queries take it.
 */
final class ProducerStates {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerStates.class);

    private final TopicPartition topicPartition;
    private final Path dir;
    private final Clock clock;
    private final ReentrantLock lock;
    /** Guarded by lock; replaced when the log is truncated. */
    private ProducerStateManager state;

    ProducerStates(TopicPartition topicPartition, Path dir, Clock clock, ReentrantLock lock,
                   ProducerStateManager state) {
        this.topicPartition = topicPartition;
        this.dir = dir;
        this.clock = clock;
        this.lock = lock;
        this.state = state;
    }

    /** The original's result if {@code batch} duplicates a recent batch of its producer; null to append. */
    AppendResult duplicateOf(RecordBatch batch) {
        int slot = state.check(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastSequence());
        if (slot == ProducerStateManager.APPEND) {
            return null;
        }
        ProducerStateEntry entry = state.entry(batch.producerId());
        LOG.debug("Partition {}: batch of producer {} with sequences [{}, {}] is a duplicate of offsets [{}, {}]",
                topicPartition, batch.producerId(), batch.baseSequence(), batch.lastSequence(),
                entry.firstOffset(slot), entry.lastOffset(slot));
        return AppendResult.duplicate(entry.firstOffset(slot), entry.lastOffset(slot), entry.timestamp(slot));
    }

    /** Notes a batch written by the leader's append path (offsets assigned, checks passed). */
    void appended(RecordBatch batch, boolean idempotent, long logEndOffset) {
        if (idempotent) {
            state.record(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(),
                    batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp());
        } else {
            state.advanceTo(logEndOffset);
        }
    }

    /** Notes a batch copied from the leader: no checks, as recovery does. */
    void replicated(RecordBatch batch) {
        state.replay(batch);
    }

    /** See {@link PartitionLog#checkProducerSequence}. */
    void checkSequence(ByteBuffer batch) {
        RecordBatch view = RecordBatch.of(batch);
        if (!view.hasProducerId()) {
            return;
        }
        lock.lock();
        try {
            state.check(view.producerId(), view.producerEpoch(), view.baseSequence(), view.lastSequence());
        } finally {
            lock.unlock();
        }
    }

    /** See {@link PartitionLog#containsProducerBatch}. */
    boolean contains(long producerId, short epoch, int lastSequence) {
        lock.lock();
        try {
            ProducerStateEntry entry = state.entry(producerId);
            return entry != null && entry.covers(epoch, lastSequence);
        } finally {
            lock.unlock();
        }
    }

    /** See {@link PartitionLog#nextSequence}. */
    int nextSequence(long producerId, short epoch) {
        lock.lock();
        try {
            ProducerStateEntry entry = state.entry(producerId);
            return entry == null || entry.batchCount() == 0 || entry.epoch() != epoch ? 0
                    : RecordBatch.incrementSequence(entry.lastSequence(), 1);
        } finally {
            lock.unlock();
        }
    }

    Map<Long, ProducerStateManager.ProducerSnapshot> snapshot() {
        lock.lock();
        try {
            return state.snapshot();
        } finally {
            lock.unlock();
        }
    }

    /** Writes the snapshot at {@code logEndOffset}, dropping producers idle past the expiry first. */
    void writeSnapshot(long logEndOffset) throws IOException {
        long cutoff = saturatedMinus(clock.millis(), ProducerStateManager.EXPIRY_MS);
        int expired = state.expireBefore(cutoff);
        if (expired > 0) {
            LOG.info("Partition {}: forgot {} producer(s) idle for more than {} ms", topicPartition, expired,
                    ProducerStateManager.EXPIRY_MS);
        }
        ProducerStateSnapshots.write(dir, state, logEndOffset);
    }

    /** Rebuilds the state from the snapshots and log left after a truncation (snapshots past the end go). */
    void rebuild(LogSegments segments) throws IOException {
        state = ProducerStateSnapshots.load(dir, topicPartition, segments);
    }

    static long saturatedMinus(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }
}
