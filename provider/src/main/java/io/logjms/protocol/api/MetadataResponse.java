package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Per destination: an error (e.g. unknown) or its partition count. */
public record MetadataResponse(List<Entry> destinations) {

    /** One destination's metadata. */
    public record Entry(DestinationId destination, ErrorCode error, String message, int partitions) {
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(destinations.size());
        for (Entry e : destinations) {
            e.destination().writeTo(out);
            out.writeShort(e.error().code());
            Wire.writeString(out, e.message());
            out.writeInt(e.partitions());
        }
    }

    public static MetadataResponse readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "destination count", 9);
        List<Entry> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Entry(DestinationId.readFrom(in), ErrorCode.fromCode(Wire.readableShort(in, "error")),
                    Wire.readString(in), Wire.readInt(in, "partitions")));
        }
        return new MetadataResponse(list);
    }
}
