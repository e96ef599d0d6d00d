package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** The version chosen by the broker and the limits the client must respect. */
public record HandshakeResponse(short version, String brokerId, int maxFrameBytes, int maxBatchBytes) {

    public void writeTo(ByteBuf out) {
        out.writeShort(version);
        Wire.writeString(out, brokerId);
        out.writeInt(maxFrameBytes);
        out.writeInt(maxBatchBytes);
    }

    public static HandshakeResponse readFrom(ByteBuf in) {
        return new HandshakeResponse(Wire.readableShort(in, "version"), Wire.readString(in),
                Wire.readInt(in, "max frame bytes"), Wire.readInt(in, "max batch bytes"));
    }
}
