package io.logjms.broker.subscription;

import io.logjms.broker.log.OffsetOutOfRangeException;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The offsets of the control records of a partition's log (cursor entries of any subscription, epoch-start
 * markers) that a {@link CursorReplayer} has read, in increasing order: every one in {@code [knownFrom, end)},
 * where the end is where the replayer stands. A state whose floor goes back below {@code knownFrom} (a seek, a
 * snapshot of a subscription with a backlog, a replay that started from a checkpoint) gets the missing ones read
 * from the log when it needs them, never below the log start. Not thread-safe.
 */
final class ControlOffsets {
    private static final int READ_BYTES = 1024 * 1024;

    private final PartitionLog log;
    private long knownFrom;
    private long[] offsets = new long[64];
    private int size;

    /** Knows nothing yet; the replayer reads on from {@code from}. */
    ControlOffsets(PartitionLog log, long from) {
        this.log = log;
        this.knownFrom = from;
    }

    void add(long offset) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        offsets[size++] = offset;
    }

    /** Acknowledges again every control record at or above the state's floor (it was just reset). */
    void ackFrom(PartitionState state) {
        ackFrom(state, state.floor);
    }

    /** Acknowledges in {@code state} every control record at or above {@code from}. */
    void ackFrom(PartitionState state, long from) {
        if (from < knownFrom) {
            readBelow(from);
        }
        int i = Arrays.binarySearch(offsets, 0, size, from);
        for (i = i < 0 ? -i - 1 : i; i < size; i++) {
            state.ack(offsets[i]);
        }
    }

    /** Forgets the offsets below {@code offset} (no state needs them now; they are read again if one does). */
    void forgetBelow(long offset) {
        if (offset <= knownFrom) {
            return;
        }
        int i = Arrays.binarySearch(offsets, 0, size, offset);
        i = i < 0 ? -i - 1 : i;
        System.arraycopy(offsets, i, offsets, 0, size - i);
        size -= i;
        knownFrom = offset;
    }

    /** Forgets every offset: the replayer jumps to {@code offset} (retention removed what lay before). */
    void restartAt(long offset) {
        size = 0;
        knownFrom = offset;
    }

    /** Reads the control offsets in [from, knownFrom) from the log, never below its start. */
    private void readBelow(long from) {
        long start = Math.max(from, log.logStartOffset());
        if (start >= knownFrom) {
            return;
        }
        long[] found = new long[64];
        int n = 0;
        long offset = start;
        while (offset < knownFrom) {
            List<ByteBuffer> batches;
            try {
                batches = log.readBatches(offset, READ_BYTES, knownFrom);
            } catch (OffsetOutOfRangeException e) {
                if (offset >= log.logStartOffset()) {
                    throw e;
                }
                offset = log.logStartOffset(); // retention moved the start meanwhile
                n = 0;
                start = offset;
                continue;
            }
            if (batches.isEmpty()) {
                break;
            }
            for (ByteBuffer b : batches) {
                RecordBatch batch = RecordBatch.of(b);
                offset = Math.max(offset, batch.lastOffset() + 1);
                if (!batch.isControl()) {
                    continue;
                }
                for (Iterator<Record> it = batch.records(); it.hasNext(); ) {
                    long o = it.next().offset();
                    if (o >= start && o < knownFrom) {
                        if (n == found.length) {
                            found = Arrays.copyOf(found, n * 2);
                        }
                        found[n++] = o;
                    }
                }
            }
        }
        long[] merged = new long[Math.max(64, n + size)];
        System.arraycopy(found, 0, merged, 0, n);
        System.arraycopy(offsets, 0, merged, n, size);
        offsets = merged;
        size += n;
        knownFrom = start;
    }
}
