package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transaction log's entries as batches and back, and the state a replay of them builds. */
class TxnLogEntryTest {
    private static final TransactionId ID = new TransactionId(-3, 42);

    private static TxnPart part() {
        ByteBuffer batch = new RecordBatchBuilder().producer(9, (short) 2, 17).append(5L, null, null, new byte[] {1, 2})
                .build();
        return new TxnPart(List.of(new TxnPart.Produce(DestinationId.topic("t"), 3, batch)),
                List.of(new TxnPart.Ack("durable/c/s", DestinationId.topic("t"), List.of(new RecordRef(1, 8),
                        new RecordRef(2, 0)))));
    }

    @Test
    void aPrepareHoldsTheWholeTransactionAndACompleteTheOffsets() {
        TxnLogEntry.Prepare prepare = new TxnLogEntry.Prepare(ID, part());
        List<TxnLogEntry> read = TxnLogEntry.fromBatch(TxnLogEntry.toBatch(prepare, 100));
        assertThat(read).hasSize(1);
        TxnLogEntry.Prepare back = (TxnLogEntry.Prepare) read.get(0);
        assertThat(back.id()).isEqualTo(ID);
        assertThat(back.part().acks()).isEqualTo(prepare.part().acks());
        RecordBatch batch = RecordBatch.of(back.part().produces().get(0).batch().duplicate());
        batch.validate();
        assertThat(batch.producerId()).isEqualTo(9);
        assertThat(batch.baseSequence()).isEqualTo(17);
        assertThat(back.part().produces().get(0).partition()).isEqualTo(3);

        TxnLogEntry.Complete complete = new TxnLogEntry.Complete(ID, List.of(new ProduceResponse(4, 6, 99)));
        assertThat(TxnLogEntry.fromBatch(TxnLogEntry.toBatch(complete, 100))).containsExactly(complete);
    }

    @Test
    void aReplayKeepsDecidedTransactionsUntilTheirCompleteAndRemembersTheOutcome() {
        TxnLogState state = new TxnLogState();
        TransactionId other = new TransactionId(1, 1);
        state.replay(new TxnLogEntry.Prepare(other, part()), 10);
        state.replay(new TxnLogEntry.Prepare(ID, part()), 11);
        state.replay(new TxnLogEntry.Complete(other, List.of(new ProduceResponse(1, 1, 1))), 12);

        assertThat(state.unfinished()).containsOnlyKeys(ID);
        assertThat(state.oldestUnfinishedOffset()).isEqualTo(11);
        assertThat(state.completed(other)).contains(List.of(new ProduceResponse(1, 1, 1)));
        assertThat(state.completed(ID)).isEmpty();
        // a PREPARE written again after the COMPLETE (a retry racing a failover) does not reopen it
        state.replay(new TxnLogEntry.Prepare(other, part()), 13);
        assertThat(state.unfinished()).containsOnlyKeys(ID);
        state.replay(new TxnLogEntry.Checkpoint(11), 14);
        assertThat(state.end()).isEqualTo(15);
        state.replay(new TxnLogEntry.Complete(ID, List.of()), 15);
        assertThat(state.oldestUnfinishedOffset()).as("none").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aCheckpointIsAnEntryOfNoTransaction() {
        TxnLogEntry.Checkpoint checkpoint = new TxnLogEntry.Checkpoint(1234);
        assertThat(TxnLogEntry.fromBatch(TxnLogEntry.toBatch(checkpoint, 100))).containsExactly(checkpoint);
    }

    @Test
    void theTransactionIdChoosesOneLogPartition() {
        assertThat(ID.logPartition(4)).isBetween(0, 3).isEqualTo(new TransactionId(-3, 42).logPartition(4));
    }
}
