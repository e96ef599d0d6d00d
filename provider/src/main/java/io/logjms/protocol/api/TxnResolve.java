package io.logjms.protocol.api;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * {@code TXN_RESOLVE}, broker to broker: a participant holding records for transaction {@code id} asks its
 * coordinator how the transaction stands. The request is the id (int64 high, int64 low); the answer one int8
 * {@link Outcome}. Asking about a transaction the coordinator neither decided nor is deciding aborts it for good.
 */
public final class TxnResolve {
    /** How a transaction stands at its coordinator. */
    public enum Outcome {
        /** Decided and being applied, or being decided now: keep holding its records. */
        PENDING(0),
        /** Applied everywhere: its acknowledgements are done. */
        COMPLETED(1),
        /** Rolled back for good: give its held records back. */
        ABORTED(2);

        private final int code;

        Outcome(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private TxnResolve() {
    }

    public static void writeRequest(ByteBuf out, TransactionId id) {
        id.writeTo(out);
    }

    public static TransactionId readRequest(ByteBuf in) {
        return TransactionId.readFrom(in);
    }

    public static void writeResponse(ByteBuf out, Outcome outcome) {
        out.writeByte(outcome.code());
    }

    public static Outcome readResponse(ByteBuf in) {
        byte code = Wire.readByte(in, "outcome");
        for (Outcome o : Outcome.values()) {
            if (o.code() == code) {
                return o;
            }
        }
        throw new InvalidRequestException("outcome", "must be 0, 1 or 2, not " + code);
    }
}
