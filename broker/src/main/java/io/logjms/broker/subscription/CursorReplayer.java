package io.logjms.broker.subscription;

import io.logjms.broker.log.OffsetOutOfRangeException;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.CursorCheckpoint.BatchId;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@link CursorEntry cursor entries} of a partition's log, in log order, to the states of one subscription
 * incarnation ({@link CursorLogReplay}) or of every incarnation with entries in the log ({@link CursorCheckpoints}),
 * from the log start or from a {@link CursorCheckpoint}, and can go on later from where it stopped.
 *
 * <p>The rules are those of {@link CursorJournal}'s replay, entry by entry ({@link CursorEntry#applyIfOwn}), and every
 * control record (a cursor entry of any subscription, an epoch-start marker) is done for every subscription, as a
 * dispatcher marks it done when it reads it: each is acknowledged where it lies, and again after an entry that resets
 * the state above its floor ({@link CursorEntry#resets}), so the floor moves past the entries themselves. An
 * incarnation's state starts at its first entry; if that entry does not reset it, it starts as it would have been
 * with every earlier control record acknowledged. Not thread-safe.
 */
final class CursorReplayer {
    private static final int READ_BYTES = 1024 * 1024;

    private final PartitionLog log;
    /** The one incarnation followed, or null for every one. */
    private final byte[] only;
    private final Map<ByteBuffer, PartitionState> states = new HashMap<>();
    private final ControlOffsets controls;
    private long position;
    private BatchId lastBatch;

    /**
     * @param only the {@link CursorEntry#prefix} of the one incarnation to follow, or null for every one
     * @param from where to start: {@link CursorCheckpoint#NONE} for the log start
     */
    CursorReplayer(PartitionLog log, byte[] only, CursorCheckpoint from) {
        this.log = log;
        this.only = only;
        long start = log.logStartOffset();
        this.position = Math.max(start, from.offset());
        if (!from.isNone()) {
            lastBatch = from.lastBatch();
            from.states().forEach((prefix, snapshot) -> {
                if (only == null || prefix.equals(ByteBuffer.wrap(only))) {
                    byte[] p = new byte[prefix.remaining()];
                    prefix.duplicate().get(p);
                    states.put(ByteBuffer.wrap(p), CursorCheckpoint.decode(snapshot, p));
                }
            });
        }
        this.controls = new ControlOffsets(log, position);
    }

    /** Where the replay stands: every record below was applied. */
    long position() {
        return position;
    }

    /** The state of the incarnation of {@code prefix}, null when no entry of it was met. */
    PartitionState state(byte[] prefix) {
        return states.get(ByteBuffer.wrap(prefix));
    }

    /** Applies the records from {@link #position()} up to {@code end} (exclusive). */
    void replayTo(long end) {
        replayTo(end, Long.MAX_VALUE);
    }

    /** As {@link #replayTo(long)}, stopping after about {@code maxBytes} of the log (whole batches). */
    void replayTo(long end, long maxBytes) {
        long read = 0;
        while (position < end && read < maxBytes) {
            List<ByteBuffer> batches;
            try {
                batches = log.readBatches(position, READ_BYTES, end);
            } catch (OffsetOutOfRangeException e) {
                if (position >= log.logStartOffset()) {
                    throw e;
                }
                position = log.logStartOffset(); // retention removed the records before: they are gone here
                controls.restartAt(position);
                continue;
            }
            if (batches.isEmpty()) {
                return;
            }
            for (ByteBuffer b : batches) {
                RecordBatch batch = RecordBatch.of(b);
                read += batch.sizeInBytes();
                if (batch.isControl()) {
                    applyControl(batch, end);
                }
                if (batch.lastOffset() < end) {
                    lastBatch = BatchId.of(batch);
                }
                position = Math.max(position, Math.min(batch.lastOffset() + 1, end));
            }
        }
    }

    private void applyControl(RecordBatch batch, long end) {
        for (Iterator<Record> it = batch.records(); it.hasNext(); ) {
            Record r = it.next();
            if (r.offset() >= end) {
                return;
            }
            if (r.offset() < position) {
                continue;
            }
            if (isCursorEntry(r)) {
                applyEntry(r.value());
            }
            for (PartitionState s : states.values()) {
                s.ack(r.offset());
            }
            controls.add(r.offset());
        }
    }

    private void applyEntry(ByteBuffer value) {
        byte[] prefix = only != null ? only : CursorEntry.prefixOf(value);
        if (prefix == null) {
            return;
        }
        byte type = CursorEntry.typeIfOwn(value, prefix);
        if (type == 0) {
            return;
        }
        ByteBuffer key = ByteBuffer.wrap(prefix);
        PartitionState state = states.get(key);
        if (state == null) {
            state = new PartitionState();
            state.floor = log.logStartOffset();
            state.deliveredMark = state.floor;
            if (!CursorEntry.resets(type)) {
                controls.ackFrom(state, state.floor);
            }
            states.put(key, state);
        }
        CursorEntry.applyIfOwn(value, prefix, state);
        if (CursorEntry.resets(type)) {
            controls.ackFrom(state);
        }
    }

    /** Whether the log still holds, up to {@code end}, what this replay applied ({@link CursorCheckpoint#fits}). */
    boolean fits(long end) {
        return lastBatch == null ? position <= end : new CursorCheckpoint(position, lastBatch, Map.of()).fits(log, end);
    }

    /** Forgets the control offsets below every state's floor (read again from the log if a floor goes back). */
    void forgetControlsBelowFloors() {
        long lowest = position;
        for (PartitionState s : states.values()) {
            lowest = Math.min(lowest, s.floor);
        }
        controls.forgetBelow(lowest);
    }

    /** What this replay holds now, as a checkpoint at {@link #position()}; NONE when it has read no batch. */
    CursorCheckpoint checkpoint() {
        if (lastBatch == null) {
            return CursorCheckpoint.NONE;
        }
        Map<ByteBuffer, byte[]> snapshots = new HashMap<>();
        states.forEach((prefix, state) -> {
            byte[] p = Arrays.copyOfRange(prefix.array(), 0, prefix.limit());
            snapshots.put(ByteBuffer.wrap(p), CursorEntry.snapshot(p, state));
        });
        return new CursorCheckpoint(position, lastBatch, snapshots);
    }

    private static boolean isCursorEntry(Record r) {
        ByteBuffer key = r.key();
        if (key == null || key.remaining() != CursorEntry.KEY_BYTES.length) {
            return false;
        }
        for (int i = 0; i < CursorEntry.KEY_BYTES.length; i++) {
            if (key.get(key.position() + i) != CursorEntry.KEY_BYTES[i]) {
                return false;
            }
        }
        return true;
    }
}
