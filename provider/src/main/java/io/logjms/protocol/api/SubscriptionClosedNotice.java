package io.logjms.protocol.api;

import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** Broker push: a subscription ended for the given reason (destination deleted, storage error). */
public record SubscriptionClosedNotice(int subscriptionId, ErrorCode error, String message) {

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        out.writeShort(error.code());
        Wire.writeString(out, message);
    }

    public static SubscriptionClosedNotice readFrom(ByteBuf in) {
        return new SubscriptionClosedNotice(Wire.readInt(in, "subscription id"),
                ErrorCode.fromCode(Wire.readableShort(in, "error")), Wire.readString(in));
    }
}
