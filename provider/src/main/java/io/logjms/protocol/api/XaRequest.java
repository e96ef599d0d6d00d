package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of every XA request (XA_START to XA_FORGET): the branch (absent for XA_RECOVER), the
 * {@code XAResource} flags of the call, the branch timeout in seconds (XA_START; 0 for the broker's
 * default), and for XA_END the sends and acknowledgements of the association that ends, in the layout of
 * a COMMIT. On the broker, the batches are slices of the received frame.
 */
public record XaRequest(XaBranchId xid, int flags, int timeoutSeconds, List<CommitRequest.Produce> produces,
                        List<AckRequest> acks) {

    /** A request about one branch that carries no work. */
    public static XaRequest of(XaBranchId xid, int flags) {
        return new XaRequest(xid, flags, 0, List.of(), List.of());
    }

    public void writeTo(ByteBuf out) {
        out.writeBoolean(xid != null);
        if (xid != null) {
            xid.writeTo(out);
        }
        out.writeInt(flags);
        out.writeInt(timeoutSeconds);
        new CommitRequest(produces, acks).writeTo(out);
    }

    public static XaRequest readFrom(ByteBuf in) {
        XaBranchId xid = Wire.readBoolean(in, "xid present") ? XaBranchId.readFrom(in) : null;
        int flags = Wire.readInt(in, "flags");
        int timeout = Wire.readInt(in, "timeout");
        CommitRequest work = CommitRequest.readFrom(in);
        return new XaRequest(xid, flags, timeout, new ArrayList<>(work.produces()), work.acks());
    }
}
