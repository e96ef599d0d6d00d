package io.logjms.protocol.api;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * {@code TXN_APPLY}, broker to broker: the coordinator of transaction {@code id} has the leader of the partitions of
 * {@code part} check it ({@link #CHECK}: before the decision; nothing is written) or apply it ({@link #APPLY}: after
 * the decision; idempotent, answered once every batch is committed there). Answered with a {@link CommitResponse}
 * (empty for a check).
 */
public record TxnApplyRequest(byte mode, TransactionId id, TransactionPart part) {
    public static final byte CHECK = 1;
    public static final byte APPLY = 2;

    public void writeTo(ByteBuf out) {
        out.writeByte(mode);
        id.writeTo(out);
        part.writeTo(out);
    }

    public static TxnApplyRequest readFrom(ByteBuf in) {
        byte mode = Wire.readByte(in, "mode");
        if (mode != CHECK && mode != APPLY) {
            throw new InvalidRequestException("mode", "must be 1 (check) or 2 (apply), not " + mode);
        }
        return new TxnApplyRequest(mode, TransactionId.readFrom(in), TransactionPart.readFrom(in));
    }
}
