package io.logjms.broker.subscription;

import io.logjms.broker.log.OffsetOutOfRangeException;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The cursor state of every subscription incarnation with entries in a partition's log, as of {@code offset} of that
 * log: what {@link CursorReplayer} holds after applying every record below it, so that a rebuild replays only the
 * records from there on ({@link CursorLogReplay}). Each state is kept as the value of a {@link CursorEntry#SNAPSHOT}
 * entry of its incarnation, so a checkpoint carries whatever a snapshot entry carries, whichever entry kinds built it.
 * {@code lastBatch} is the log's batch that ends at {@code offset}: a checkpoint is used only on a log that still
 * holds that very batch ({@link #fits}). Immutable.
 *
 * @param states SNAPSHOT entry values by {@link CursorEntry#prefix}, wrapped
 */
record CursorCheckpoint(long offset, BatchId lastBatch, Map<ByteBuffer, byte[]> states) {
    /** No checkpoint: a replay from the log start. */
    static final CursorCheckpoint NONE = new CursorCheckpoint(-1, null, Map.of());

    /** What tells one stored batch from another at the same place: its offsets, leader epoch and checksum. */
    record BatchId(long baseOffset, long lastOffset, int leaderEpoch, long crc) {
        static BatchId of(RecordBatch batch) {
            return new BatchId(batch.baseOffset(), batch.lastOffset(), batch.leaderEpoch(), batch.storedCrc());
        }
    }

    CursorCheckpoint {
        states = Map.copyOf(states);
    }

    boolean isNone() {
        return lastBatch == null;
    }

    /**
     * Whether this checkpoint describes {@code log} below its offset, for a replay up to {@code end}: it does not lie
     * past {@code end} (a truncation took entries it applied) and the batch it ends with is still the log's batch
     * there (a truncated log written again differently is not). A checkpoint whose offset retention has passed is
     * used: what lay before the log start is gone from this log, and the replay goes on from the log start.
     */
    boolean fits(PartitionLog log, long end) {
        if (isNone() || offset > end) {
            return false;
        }
        if (offset - 1 < log.logStartOffset()) {
            return true;
        }
        try {
            List<ByteBuffer> batches = log.readBatches(offset - 1, 1);
            return !batches.isEmpty() && BatchId.of(RecordBatch.of(batches.get(0))).equals(lastBatch);
        } catch (OffsetOutOfRangeException e) {
            return offset - 1 < log.logStartOffset();
        }
    }

    /** A copy of the state of the incarnation of {@code prefix}, or null when the checkpoint has none. */
    PartitionState state(byte[] prefix) {
        byte[] snapshot = states.get(ByteBuffer.wrap(prefix));
        return snapshot == null ? null : decode(snapshot, prefix);
    }

    /**
     * @throws IllegalArgumentException if {@code snapshot} is not a snapshot entry of {@code prefix}'s incarnation
     */
    static PartitionState decode(byte[] snapshot, byte[] prefix) {
        PartitionState state = new PartitionState();
        if (CursorEntry.applyIfOwn(ByteBuffer.wrap(snapshot), prefix, state) != CursorEntry.SNAPSHOT) {
            throw new IllegalArgumentException("a cursor checkpoint holds an entry that is not a snapshot");
        }
        return state;
    }
}
