package io.logjms.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TXN_COMMIT, TXN_APPLY and TXN_ACK_TARGETS on the wire. */
class TransactionRequestsCodecTest {
    private static final DestinationId OUT = DestinationId.queue("out");

    private static TransactionPart part() {
        return new TransactionPart(List.of(new CommitRequest.Produce(OUT, 2, Unpooled.wrappedBuffer(new byte[] {4, 5, 6}))),
                List.of(new TransactionPart.Ack("queue/in", DestinationId.queue("in"), List.of(new RecordRef(1, 9)))));
    }

    @Test
    void aCommitKeepsItsIdBatchesAndNamedAcknowledgements() {
        ByteBuf buf = Unpooled.buffer();
        TransactionId id = new TransactionId(Long.MIN_VALUE, 12);
        new TxnCommitRequest(id, part()).writeTo(buf);

        TxnCommitRequest read = TxnCommitRequest.readFrom(buf);

        assertThat(buf.readableBytes()).isZero();
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.part().produces()).hasSize(1);
        assertThat(read.part().produces().get(0).destination()).isEqualTo(OUT);
        assertThat(read.part().produces().get(0).partition()).isEqualTo(2);
        assertThat(ByteBufUtil.getBytes(read.part().produces().get(0).batch())).containsExactly(4, 5, 6);
        assertThat(read.part().acks()).isEqualTo(part().acks());
        buf.release();
    }

    @Test
    void anApplySaysWhetherToCheckOrApplyAndRefusesOtherModes() {
        ByteBuf buf = Unpooled.buffer();
        new TxnApplyRequest(TxnApplyRequest.CHECK, new TransactionId(1, 2), part()).writeTo(buf);
        assertThat(TxnApplyRequest.readFrom(buf).mode()).isEqualTo(TxnApplyRequest.CHECK);

        buf.clear();
        new TxnApplyRequest(TxnApplyRequest.RELEASE, new TransactionId(1, 2), part()).writeTo(buf);
        assertThat(TxnApplyRequest.readFrom(buf).mode()).isEqualTo(TxnApplyRequest.RELEASE);

        buf.clear();
        new TxnApplyRequest((byte) 7, new TransactionId(1, 2), part()).writeTo(buf);
        assertThatThrownBy(() -> TxnApplyRequest.readFrom(buf)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("mode");
        buf.release();
    }

    @Test
    void aResolveCarriesTheIdAndIsAnsweredWithAnOutcome() {
        ByteBuf buf = Unpooled.buffer();
        TxnResolve.writeRequest(buf, new TransactionId(5, -6));
        assertThat(TxnResolve.readRequest(buf)).isEqualTo(new TransactionId(5, -6));
        for (TxnResolve.Outcome outcome : TxnResolve.Outcome.values()) {
            buf.clear();
            TxnResolve.writeResponse(buf, outcome);
            assertThat(TxnResolve.readResponse(buf)).isEqualTo(outcome);
        }
        buf.clear();
        buf.writeByte(9);
        assertThatThrownBy(() -> TxnResolve.readResponse(buf)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("outcome");
        buf.release();
    }

    @Test
    void ackTargetsNameEachAttachmentsSubscriptionInOrder() {
        ByteBuf buf = Unpooled.buffer();
        TxnAckTargets.writeRequest(buf, List.of(3, 1));
        assertThat(TxnAckTargets.readRequest(buf)).containsExactly(3, 1);

        buf.clear();
        List<TxnAckTargets.Target> targets = List.of(new TxnAckTargets.Target("durable/c/s", DestinationId.topic("t")),
                new TxnAckTargets.Target("queue/in", DestinationId.queue("in")));
        TxnAckTargets.writeResponse(buf, targets);
        assertThat(TxnAckTargets.readResponse(buf)).isEqualTo(targets);
        buf.release();
    }

    @Test
    void everyTransactionIdFallsInOneLogPartition() {
        for (long i = -50; i < 50; i++) {
            TransactionId id = new TransactionId(i * 7919, i);
            assertThat(id.logPartition(4)).isBetween(0, 3);
        }
        assertThat(TransactionId.random()).isNotEqualTo(TransactionId.random());
    }
}
