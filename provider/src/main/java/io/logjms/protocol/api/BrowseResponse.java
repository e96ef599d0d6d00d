package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A page of browsed records, where to continue, and whether the browse reached the queue's end. */
public record BrowseResponse(List<BrowsedRecord> records, Map<Integer, Long> positions, boolean done) {

    /** A record and the partition it is in. */
    public record BrowsedRecord(int partition, DeliveredRecord record) {
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(records.size());
        for (BrowsedRecord r : records) {
            out.writeInt(r.partition());
            r.record().writeTo(out);
        }
        BrowseRequest.writePositions(out, positions);
        out.writeBoolean(done);
    }

    public static BrowseResponse readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "record count", 32);
        List<BrowsedRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(new BrowsedRecord(Wire.readInt(in, "partition"), DeliveredRecord.readFrom(in)));
        }
        return new BrowseResponse(records, BrowseRequest.readPositions(in), Wire.readBoolean(in, "done"));
    }
}
