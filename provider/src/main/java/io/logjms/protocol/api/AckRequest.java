package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Acknowledges records delivered to a subscription of this connection: the broker removes them from the
 * subscription for good (durably, under its fsync policy, before it answers a request-kind ack).
 */
public record AckRequest(int subscriptionId, List<RecordRef> records) {

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        RecordRef.writeList(out, records);
    }

    public static AckRequest readFrom(ByteBuf in) {
        return new AckRequest(Wire.readInt(in, "subscription id"), RecordRef.readList(in));
    }
}
