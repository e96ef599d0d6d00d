package io.logjms.broker.subscription;

import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Rebuilds one subscription's cursor state on one partition from the partition's log: every {@link CursorEntry}
 * of that subscription incarnation, in log order from the log start, applied as {@link CursorJournal} applies
 * its journal. Entries of other subscriptions and incarnations are skipped. Every control record (a cursor entry
 * of any subscription, an epoch-start marker) is done for every subscription, as a dispatcher marks it done when
 * it reads it: each is acknowledged where it lies, and again after an entry that resets the state above its floor
 * (a floor moved back, a snapshot), so the floor moves past the entries themselves instead of stopping at each
 * of them. Stateless; reads the log up to the end given (the leader's log end once its takeover caught up).
 */
final class CursorLogReplay {
    private static final int READ_BYTES = 1024 * 1024;

    private CursorLogReplay() {
    }

    /**
     * The state of the subscription incarnation whose {@link CursorEntry#prefix} is {@code prefix}, from the log
     * start up to {@code end}; null when the log holds no entry of it.
     */
    static PartitionState replay(PartitionLog log, byte[] prefix, long end) {
        PartitionState state = new PartitionState();
        state.floor = log.logStartOffset();
        state.deliveredMark = state.floor;
        boolean found = false;
        ControlOffsets controls = new ControlOffsets();
        long offset = log.logStartOffset();
        while (offset < end) {
            List<ByteBuffer> batches = log.readBatches(offset, READ_BYTES, end);
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
                    Record r = it.next();
                    if (r.offset() >= end) {
                        break;
                    }
                    byte type = isCursorEntry(r) ? CursorEntry.applyIfOwn(r.value(), prefix, state) : 0;
                    if (type != 0) {
                        found = true;
                        if (CursorEntry.resets(type)) {
                            controls.ackFrom(state);
                        }
                    }
                    state.ack(r.offset());
                    controls.add(r.offset());
                }
            }
        }
        return found ? state : null;
    }

    /** The offsets of the control records read so far, in increasing order. */
    private static final class ControlOffsets {
        private long[] offsets = new long[64];
        private int size;

        void add(long offset) {
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
            }
            offsets[size++] = offset;
        }

        /** Acknowledges again every control record at or above the state's floor. */
        void ackFrom(PartitionState state) {
            int i = Arrays.binarySearch(offsets, 0, size, state.floor);
            for (i = i < 0 ? -i - 1 : i; i < size; i++) {
                state.ack(offsets[i]);
            }
        }
    }

    private static boolean isCursorEntry(Record r) {
        ByteBuffer key = r.key();
        if (key == null || key.remaining() != CursorEntry.KEY_BYTES.length) {
            return false;
        }
        byte[] k = new byte[key.remaining()];
        key.duplicate().get(k);
        return Arrays.equals(k, CursorEntry.KEY_BYTES);
    }
}
