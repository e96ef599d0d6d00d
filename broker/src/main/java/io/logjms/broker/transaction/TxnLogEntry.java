package io.logjms.broker.transaction;

import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An entry of the replicated transaction log ({@link TransactionTopic}): one record in a batch of its own, key
 * {@code logjms.txn}, value:
 *
 * <pre>
 * int8 type   int64 id high   int64 id low   then by type:
 *   1 PREPARE    the transaction's whole content ({@link TxnPart}): appended and committed, it is the decision
 *   2 COMPLETE   int32 n, n x (int64 base offset, int64 last offset, int64 append time): where each batch went,
 *                in the order of the PREPARE, so that a retried commit is answered as the first was
 *   3 ABORT      nothing: the transaction was never decided and never will be (a participant holding its records
 *                asked after the hold timeout); a commit of it is refused and its held records are given back
 *   4 CHECKPOINT (id 0, 0) int64 replay from: a coordinator taking the partition over reads from that offset
 *                on (every transaction not complete, and everything of the last {@link #REMEMBERED_MS}, is there)
 * </pre>
 */
public sealed interface TxnLogEntry permits TxnLogEntry.Prepare, TxnLogEntry.Complete, TxnLogEntry.Abort,
        TxnLogEntry.Checkpoint {
    byte[] KEY = "logjms.txn".getBytes(StandardCharsets.US_ASCII);
    byte PREPARE = 1;
    byte COMPLETE = 2;
    byte ABORT = 3;
    byte CHECKPOINT = 4;
    /**
     * How long a coordinator remembers a completed or aborted transaction (a retried commit is answered from it):
     * longer than a client retries a commit ({@code CrossBrokerCommit} gives up within it).
     */
    long REMEMBERED_MS = 10 * 60 * 1000;

    TransactionId id();

    /** The decision: everything the transaction writes. */
    record Prepare(TransactionId id, TxnPart part) implements TxnLogEntry {
    }

    /** Every part is applied; {@code results} are the batches' offsets in the order of the PREPARE. */
    record Complete(TransactionId id, List<ProduceResponse> results) implements TxnLogEntry {
        public Complete {
            results = List.copyOf(results);
        }
    }

    /** Never decided, and never to be: refused if committed later, its held records given back. */
    record Abort(TransactionId id) implements TxnLogEntry {
    }

    /** Where a coordinator taking the partition over starts reading: nothing before it is needed any more. */
    record Checkpoint(long replayFrom) implements TxnLogEntry {
        private static final TransactionId NONE = new TransactionId(0, 0);

        /** A checkpoint concerns no transaction. */
        @Override
        public TransactionId id() {
            return NONE;
        }
    }

    /** The entry as a batch of one record, ready to append. */
    static ByteBuffer toBatch(TxnLogEntry entry, long timestamp) {
        byte[] body;
        byte type;
        if (entry instanceof Prepare p) {
            type = PREPARE;
            body = p.part().encode();
        } else if (entry instanceof Abort) {
            type = ABORT;
            body = new byte[0];
        } else if (entry instanceof Checkpoint c) {
            type = CHECKPOINT;
            body = ByteBuffer.allocate(8).putLong(c.replayFrom()).array();
        } else {
            Complete c = (Complete) entry;
            type = COMPLETE;
            ByteBuffer b = ByteBuffer.allocate(4 + 24 * c.results().size()).putInt(c.results().size());
            for (ProduceResponse r : c.results()) {
                b.putLong(r.baseOffset()).putLong(r.lastOffset()).putLong(r.logAppendTime());
            }
            body = b.array();
        }
        byte[] value = ByteBuffer.allocate(17 + body.length).put(type).putLong(entry.id().high())
                .putLong(entry.id().low()).put(body).array();
        return new RecordBatchBuilder().append(timestamp, KEY, null, value).build();
    }

    /** The entries of a batch read from the transaction log; records of other kinds are skipped. */
    static List<TxnLogEntry> fromBatch(ByteBuffer batch) {
        List<TxnLogEntry> entries = new ArrayList<>();
        RecordBatch b = RecordBatch.of(batch);
        for (Iterator<Record> it = b.records(); it.hasNext(); ) {
            Record r = it.next();
            if (r.key() == null || !ByteBuffer.wrap(KEY).equals(r.key()) || r.value() == null) {
                continue;
            }
            entries.add(decode(r.value().duplicate()));
        }
        return entries;
    }

    private static TxnLogEntry decode(ByteBuffer value) {
        byte type = value.get();
        TransactionId id = new TransactionId(value.getLong(), value.getLong());
        if (type == PREPARE) {
            return new Prepare(id, TxnPart.decode(value.slice()));
        }
        if (type == ABORT) {
            return new Abort(id);
        }
        if (type == CHECKPOINT) {
            return new Checkpoint(value.getLong());
        }
        if (type != COMPLETE) {
            throw new IllegalStateException("unknown transaction-log entry type " + type);
        }
        int n = value.getInt();
        List<ProduceResponse> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(new ProduceResponse(value.getLong(), value.getLong(), value.getLong()));
        }
        return new Complete(id, results);
    }
}
