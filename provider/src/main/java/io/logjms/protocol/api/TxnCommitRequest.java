package io.logjms.protocol.api;

import io.netty.buffer.ByteBuf;

/**
 * {@code TXN_COMMIT}: commits a cross-broker transaction through its coordinator. Answered with a
 * {@link CommitResponse} once every part is applied; sent again with the same id after a lost answer, it is
 * answered from the transaction log (applied once).
 */
public record TxnCommitRequest(TransactionId id, TransactionPart part) {

    public void writeTo(ByteBuf out) {
        id.writeTo(out);
        part.writeTo(out);
    }

    public static TxnCommitRequest readFrom(ByteBuf in) {
        return new TxnCommitRequest(TransactionId.readFrom(in), TransactionPart.readFrom(in));
    }
}
