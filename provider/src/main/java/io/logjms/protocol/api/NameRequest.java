package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** The body of requests that carry one name: set client id, delete (durable) subscription. */
public record NameRequest(String name) {

    public void writeTo(ByteBuf out) {
        Wire.writeString(out, name);
    }

    public static NameRequest readFrom(ByteBuf in) {
        return new NameRequest(Wire.readString(in));
    }
}
