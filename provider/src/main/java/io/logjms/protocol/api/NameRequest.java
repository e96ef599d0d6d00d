package io.logjms.protocol.api;

import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** The body of requests that carry one name: set client id, delete (durable) subscription. */
public record NameRequest(String name) {

    public void writeTo(ByteBuf out) {
        Wire.writeString(out, name);
    }

    /** Reads a name that may be null or empty: the handler checks it (a client id has its own error code). */
    public static NameRequest readFrom(ByteBuf in) {
        return new NameRequest(Wire.readString(in));
    }

    /** Reads a name that must be present; {@code field} names it in the refusal. */
    public static NameRequest readRequired(ByteBuf in, String field) {
        return new NameRequest(RequestChecks.required(field, Wire.readString(in)));
    }
}
