package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Attaches a consumer to a subscription on every partition of a destination and starts push delivery.
 * The client picks the subscription id (unique on its connection) and grants initial credit in records;
 * the broker never sends more records than the credit granted so far. Records that do not match
 * {@code selector}, and with {@code noLocal} records this connection produced, are skipped in the
 * broker. {@code name} names durable and shared subscriptions (null otherwise); the start position
 * applies when the subscription's cursor is created.
 */
public record SubscribeRequest(int subscriptionId, DestinationId destination, SubscriptionKind kind, String name,
                               String selector, boolean noLocal, StartPosition start, long startTimestamp,
                               int initialCredit) {

    /** A non-durable subscriber from the log end: the simplest subscription. */
    public static SubscribeRequest nonDurable(int subscriptionId, DestinationId destination, StartPosition start,
                                              long startTimestamp, String selector, int initialCredit) {
        return new SubscribeRequest(subscriptionId, destination, SubscriptionKind.NON_DURABLE, null, selector, false,
                start, startTimestamp, initialCredit);
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        destination.writeTo(out);
        out.writeByte(kind.code());
        Wire.writeString(out, name);
        Wire.writeString(out, selector);
        out.writeBoolean(noLocal);
        out.writeByte(start.code());
        out.writeLong(startTimestamp);
        out.writeInt(initialCredit);
    }

    public static SubscribeRequest readFrom(ByteBuf in) {
        int subscriptionId = Wire.readInt(in, "subscription id");
        DestinationId destination = DestinationId.readFrom(in);
        SubscriptionKind kind = SubscriptionKind.fromCode(Wire.readByte(in, "subscription kind"));
        String name = Wire.readString(in);
        if (kind.durable() || kind == SubscriptionKind.SHARED_NON_DURABLE) {
            RequestChecks.required("name", name);
        }
        return new SubscribeRequest(subscriptionId, destination, kind, name, Wire.readString(in),
                Wire.readBoolean(in, "no local"), StartPosition.fromCode(Wire.readByte(in, "start position")),
                Wire.readLong(in, "start timestamp"),
                RequestChecks.nonNegative("initialCredit", Wire.readInt(in, "initial credit")));
    }
}
