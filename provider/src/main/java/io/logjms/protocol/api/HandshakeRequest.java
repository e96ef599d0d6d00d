package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * First request on every connection: protocol version range, client identity and credentials, and
 * optionally the connection's origin.
 *
 * <p>{@code origin} is the identity this connection's messages carry ({@code JMS_LogJMS_Origin}), which a
 * {@code noLocal} subscriber of the connection compares them with. Null (or absent, from an older client):
 * the connection id the broker assigns. A client that reconnects presents the id its first connection got,
 * so that messages it sent before and after a reconnect are equally its own. Optional at the end of the
 * body: a broker that does not know it ignores it.
 */
public record HandshakeRequest(short minVersion, short maxVersion, String clientId, String user, String password,
                               String clientSoftware, String origin) {

    /** A handshake without an origin: the connection is known by the id the broker gives it. */
    public HandshakeRequest(short minVersion, short maxVersion, String clientId, String user, String password,
                            String clientSoftware) {
        this(minVersion, maxVersion, clientId, user, password, clientSoftware, null);
    }

    /** The same handshake presenting {@code origin}. */
    public HandshakeRequest withOrigin(String origin) {
        return new HandshakeRequest(minVersion, maxVersion, clientId, user, password, clientSoftware, origin);
    }

    public void writeTo(ByteBuf out) {
        out.writeShort(minVersion);
        out.writeShort(maxVersion);
        Wire.writeString(out, clientId);
        Wire.writeString(out, user);
        Wire.writeString(out, password);
        Wire.writeString(out, clientSoftware);
        if (origin != null) {
            Wire.writeString(out, origin);
        }
    }

    public static HandshakeRequest readFrom(ByteBuf in) {
        return new HandshakeRequest(Wire.readableShort(in, "min version"), Wire.readableShort(in, "max version"),
                Wire.readString(in), Wire.readString(in), Wire.readString(in), Wire.readString(in),
                in.isReadable() ? Wire.readString(in) : null);
    }

    @Override
    public String toString() {
        return "HandshakeRequest[versions " + minVersion + ".." + maxVersion + ", clientId=" + clientId + ", user="
                + user + ", software=" + clientSoftware + (origin != null ? ", origin=" + origin : "") + "]";
    }
}
