package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The version chosen by the broker, the limits the client must respect, and the id the broker gave this
 * connection (producers stamp it on records so noLocal subscribers can skip their own connection's).
 */
public record HandshakeResponse(short version, String brokerId, String connectionId, int maxFrameBytes,
                                int maxBatchBytes) {

    public void writeTo(ByteBuf out) {
        out.writeShort(version);
        Wire.writeString(out, brokerId);
        Wire.writeString(out, connectionId);
        out.writeInt(maxFrameBytes);
        out.writeInt(maxBatchBytes);
    }

    public static HandshakeResponse readFrom(ByteBuf in) {
        return new HandshakeResponse(Wire.readableShort(in, "version"), Wire.readString(in), Wire.readString(in),
                Wire.readInt(in, "max frame bytes"), Wire.readInt(in, "max batch bytes"));
    }
}
