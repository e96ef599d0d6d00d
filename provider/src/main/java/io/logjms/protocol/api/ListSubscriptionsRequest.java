package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** Admin: lists subscriptions, of one destination when {@code destination} is not null. */
public record ListSubscriptionsRequest(DestinationId destination) {

    public void writeTo(ByteBuf out) {
        out.writeBoolean(destination != null);
        if (destination != null) {
            destination.writeTo(out);
        }
    }

    public static ListSubscriptionsRequest readFrom(ByteBuf in) {
        return new ListSubscriptionsRequest(Wire.readBoolean(in, "has destination") ? DestinationId.readFrom(in) : null);
    }
}
