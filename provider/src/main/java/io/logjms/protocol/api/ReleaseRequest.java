package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Gives delivered records back to the subscription so they are delivered again. {@code delivered} says
 * whether the application saw them (recover, rollback, session close: the attempt counts, the next
 * delivery is flagged redelivered) or they were only prefetched (consumer close: the attempt is undone).
 */
public record ReleaseRequest(int subscriptionId, boolean delivered, List<RecordRef> records) {

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        out.writeBoolean(delivered);
        RecordRef.writeList(out, records);
    }

    public static ReleaseRequest readFrom(ByteBuf in) {
        return new ReleaseRequest(Wire.readInt(in, "subscription id"), Wire.readBoolean(in, "delivered"),
                RecordRef.readList(in));
    }
}
