package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;

/** The next offset the subscription will deliver, by partition. */
public record SubscribeResponse(Map<Integer, Long> positions) {

    public void writeTo(ByteBuf out) {
        out.writeInt(positions.size());
        positions.forEach((p, o) -> {
            out.writeInt(p);
            out.writeLong(o);
        });
    }

    public static SubscribeResponse readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "partition count", 12);
        Map<Integer, Long> positions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            positions.put(Wire.readInt(in, "partition"), Wire.readLong(in, "offset"));
        }
        return new SubscribeResponse(positions);
    }
}
