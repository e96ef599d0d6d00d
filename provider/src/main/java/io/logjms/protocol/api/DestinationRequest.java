package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.netty.buffer.ByteBuf;

/** The body of requests that name only a destination: describe and delete. */
public record DestinationRequest(DestinationId destination) {

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
    }

    public static DestinationRequest readFrom(ByteBuf in) {
        return new DestinationRequest(DestinationId.readFrom(in));
    }
}
