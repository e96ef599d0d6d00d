package io.logjms.protocol.api;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * {@code TXN_APPLY}, broker to broker: the coordinator of transaction {@code id} has the leader of the partitions of
 * {@code part} check it ({@link #CHECK}: before the decision; no batch is written, and the records it acknowledges are
 * held for the transaction, durably, so that they are not delivered again while a decision may exist), apply it
 * ({@link #APPLY}: after the decision; idempotent, answered once every batch is committed there) or give the held
 * records back ({@link #RELEASE}: the transaction was not decided and never will be). Answered with a
 * {@link CommitResponse} (empty for a check or a release).
 */
public record TxnApplyRequest(byte mode, TransactionId id, TransactionPart part) {
    public static final byte CHECK = 1;
    public static final byte APPLY = 2;
    public static final byte RELEASE = 3;

    public void writeTo(ByteBuf out) {
        out.writeByte(mode);
        id.writeTo(out);
        part.writeTo(out);
    }

    public static TxnApplyRequest readFrom(ByteBuf in) {
        byte mode = Wire.readByte(in, "mode");
        if (mode != CHECK && mode != APPLY && mode != RELEASE) {
            throw new InvalidRequestException("mode", "must be 1 (check), 2 (apply) or 3 (release), not " + mode);
        }
        return new TxnApplyRequest(mode, TransactionId.readFrom(in), TransactionPart.readFrom(in));
    }
}
