package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks for the partitions of destinations; an empty list asks for every destination. With
 * {@code autoCreate} the broker creates missing destinations when its configuration allows it.
 */
public record MetadataRequest(List<DestinationId> destinations, boolean autoCreate) {

    public void writeTo(ByteBuf out) {
        out.writeInt(destinations.size());
        destinations.forEach(d -> d.writeTo(out));
        out.writeBoolean(autoCreate);
    }

    public static MetadataRequest readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "destination count", 3);
        List<DestinationId> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(DestinationId.readFrom(in));
        }
        return new MetadataRequest(list, Wire.readBoolean(in, "auto create"));
    }
}
