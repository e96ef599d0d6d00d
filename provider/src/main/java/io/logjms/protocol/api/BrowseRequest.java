package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads up to {@code maxRecords} records of a queue that are not yet acknowledged, without consuming
 * them. {@code positions} (partition to next offset) continues an earlier page; empty starts at the
 * queue's oldest pending record.
 */
public record BrowseRequest(DestinationId destination, String selector, int maxRecords, Map<Integer, Long> positions) {

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        Wire.writeString(out, selector);
        out.writeInt(maxRecords);
        writePositions(out, positions);
    }

    public static BrowseRequest readFrom(ByteBuf in) {
        BrowseRequest req = new BrowseRequest(DestinationId.readFrom(in), Wire.readString(in),
                Wire.readInt(in, "max records"), readPositions(in));
        req.positions().forEach((partition, offset) -> {
            RequestChecks.nonNegative("positions partition", partition);
            RequestChecks.nonNegative("positions offset", offset);
        });
        return req;
    }

    static void writePositions(ByteBuf out, Map<Integer, Long> positions) {
        out.writeInt(positions.size());
        positions.forEach((p, o) -> {
            out.writeInt(p);
            out.writeLong(o);
        });
    }

    static Map<Integer, Long> readPositions(ByteBuf in) {
        int n = Wire.readCount(in, "position count", 12);
        Map<Integer, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(Wire.readInt(in, "partition"), Wire.readLong(in, "offset"));
        }
        return map;
    }
}
