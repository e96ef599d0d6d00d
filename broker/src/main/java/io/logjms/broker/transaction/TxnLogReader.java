package io.logjms.broker.transaction;

import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.SegmentInfo;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Reads the committed entries of one partition of the transaction log from its files: from an offset on, or
 * backwards segment by segment to the last checkpoint, so that a coordinator taking the partition over reads what
 * the checkpoint names and not the whole retained log.
 */
final class TxnLogReader {
    private static final int READ_BYTES = 1 << 20;

    private TxnLogReader() {
    }

    /** The last checkpoint below {@code committedEnd}: the newest segment first, each read whole. */
    static Optional<TxnLogEntry.Checkpoint> lastCheckpoint(PartitionLog log, long committedEnd) {
        List<SegmentInfo> segments = log.segments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            SegmentInfo s = segments.get(i);
            long from = Math.max(s.baseOffset(), log.logStartOffset());
            long to = Math.min(s.nextOffset(), committedEnd);
            if (from >= to) {
                continue;
            }
            TxnLogEntry.Checkpoint[] last = new TxnLogEntry.Checkpoint[1];
            read(log, from, to, (entry, offset) -> {
                if (entry instanceof TxnLogEntry.Checkpoint c) {
                    last[0] = c;
                }
            });
            if (last[0] != null) {
                return Optional.of(last[0]);
            }
        }
        return Optional.empty();
    }

    /**
     * Hands the entries from {@code from} (or the log's start, if later) up to {@code committedEnd} to
     * {@code visitor}; returns how many.
     */
    static long read(PartitionLog log, long from, long committedEnd, CoordinatorLog.EntryVisitor visitor) {
        long offset = Math.max(from, log.logStartOffset());
        long count = 0;
        while (offset < committedEnd) {
            List<ByteBuffer> batches = log.readBatches(offset, READ_BYTES, committedEnd);
            if (batches.isEmpty()) {
                break;
            }
            for (ByteBuffer b : batches) {
                RecordBatch batch = RecordBatch.of(b);
                if (batch.lastOffset() >= offset && !batch.isControl()) {
                    for (TxnLogEntry e : TxnLogEntry.fromBatch(b)) {
                        visitor.entry(e, batch.baseOffset());
                        count++;
                    }
                }
                offset = Math.max(offset, batch.lastOffset() + 1);
            }
        }
        return count;
    }
}
