package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to an XA request: the vote of XA_PREPARE ({@code XAResource.XA_OK} 0 or {@code XA_RDONLY} 3;
 * 0 for the other requests) and, for XA_RECOVER, the prepared branches (empty otherwise).
 */
public record XaResponse(int vote, List<XaBranchId> xids) {

    public static final XaResponse OK = new XaResponse(0, List.of());

    public void writeTo(ByteBuf out) {
        out.writeInt(vote);
        out.writeInt(xids.size());
        xids.forEach(x -> x.writeTo(out));
    }

    public static XaResponse readFrom(ByteBuf in) {
        int vote = Wire.readInt(in, "vote");
        int n = Wire.readCount(in, "xid count", 12);
        List<XaBranchId> xids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            xids.add(XaBranchId.readFrom(in));
        }
        return new XaResponse(vote, xids);
    }
}
