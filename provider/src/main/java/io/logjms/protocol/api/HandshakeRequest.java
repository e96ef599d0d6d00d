package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** First request on every connection: protocol version range, client identity and credentials. */
public record HandshakeRequest(short minVersion, short maxVersion, String clientId, String user, String password,
                               String clientSoftware) {

    public void writeTo(ByteBuf out) {
        out.writeShort(minVersion);
        out.writeShort(maxVersion);
        Wire.writeString(out, clientId);
        Wire.writeString(out, user);
        Wire.writeString(out, password);
        Wire.writeString(out, clientSoftware);
    }

    public static HandshakeRequest readFrom(ByteBuf in) {
        return new HandshakeRequest(Wire.readableShort(in, "min version"), Wire.readableShort(in, "max version"),
                Wire.readString(in), Wire.readString(in), Wire.readString(in), Wire.readString(in));
    }

    @Override
    public String toString() {
        return "HandshakeRequest[versions " + minVersion + ".." + maxVersion + ", clientId=" + clientId + ", user="
                + user + ", software=" + clientSoftware + "]";
    }
}
