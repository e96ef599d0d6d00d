package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** One-way: the client grants a subscription {@code credit} more records. */
public record CreditNotice(int subscriptionId, int credit) {

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        out.writeInt(credit);
    }

    public static CreditNotice readFrom(ByteBuf in) {
        return new CreditNotice(Wire.readInt(in, "subscription id"), Wire.readInt(in, "credit"));
    }
}
