package io.logjms.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** A destination as named on the wire: its type and its physical name. */
public record DestinationId(DestinationType type, String name) {

    public DestinationId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static DestinationId queue(String name) {
        return new DestinationId(DestinationType.QUEUE, name);
    }

    public static DestinationId topic(String name) {
        return new DestinationId(DestinationType.TOPIC, name);
    }

    public void writeTo(ByteBuf out) {
        out.writeByte(type.code());
        Wire.writeString(out, name);
    }

    /** Bytes {@link #writeTo} writes: the type, then the name as a protocol string. */
    public int encodedSize() {
        return 1 + 2 + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    public static DestinationId readFrom(ByteBuf in) {
        DestinationType type = DestinationType.fromCode(Wire.readByte(in, "destination type"));
        String name = Wire.readString(in);
        if (name == null) {
            throw new MalformedFrameException("destination name must not be null");
        }
        return new DestinationId(type, name);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + "://" + name;
    }
}
