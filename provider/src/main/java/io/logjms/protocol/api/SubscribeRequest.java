package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Opens a push subscription on every partition of a destination. The client picks the subscription id
 * (unique on its connection) and grants initial credit in records; the broker never sends more records
 * than the credit granted so far. Records that do not match {@code selector} are skipped in the broker.
 */
public record SubscribeRequest(int subscriptionId, DestinationId destination, StartPosition start,
                               long startTimestamp, String selector, int initialCredit) {

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        destination.writeTo(out);
        out.writeByte(start.code());
        out.writeLong(startTimestamp);
        Wire.writeString(out, selector);
        out.writeInt(initialCredit);
    }

    public static SubscribeRequest readFrom(ByteBuf in) {
        return new SubscribeRequest(Wire.readInt(in, "subscription id"), DestinationId.readFrom(in),
                StartPosition.fromCode(Wire.readByte(in, "start position")), Wire.readLong(in, "start timestamp"),
                Wire.readString(in), Wire.readInt(in, "initial credit"));
    }
}
