package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** The body of requests that name only a subscription of this connection: unsubscribe. */
public record SubscriptionRequest(int subscriptionId) {

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
    }

    public static SubscriptionRequest readFrom(ByteBuf in) {
        return new SubscriptionRequest(Wire.readInt(in, "subscription id"));
    }
}
