package io.logjms.protocol.api;

import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** A record of a destination: partition and offset. Lists of them name what an ack or release covers. */
public record RecordRef(int partition, long offset) {

    public static void writeList(ByteBuf out, List<RecordRef> refs) {
        out.writeInt(refs.size());
        for (RecordRef r : refs) {
            out.writeInt(r.partition);
            out.writeLong(r.offset);
        }
    }

    public static List<RecordRef> readList(ByteBuf in) {
        int n = Wire.readCount(in, "record count", 12);
        List<RecordRef> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refs.add(new RecordRef(RequestChecks.nonNegative("partition", Wire.readInt(in, "partition")),
                    RequestChecks.nonNegative("offset", Wire.readLong(in, "offset"))));
        }
        return refs;
    }
}
