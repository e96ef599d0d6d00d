package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A destination's settings and, per partition, its log start and end offsets. */
public record DescribeDestinationResponse(DestinationId destination, Map<String, String> settings,
                                          List<PartitionState> partitions) {

    /** Offsets of one partition: the first retained offset and the next offset to be written. */
    public record PartitionState(int partition, long logStartOffset, long logEndOffset) {
    }

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        Wire.writeStringMap(out, settings);
        out.writeInt(partitions.size());
        for (PartitionState p : partitions) {
            out.writeInt(p.partition());
            out.writeLong(p.logStartOffset());
            out.writeLong(p.logEndOffset());
        }
    }

    public static DescribeDestinationResponse readFrom(ByteBuf in) {
        DestinationId d = DestinationId.readFrom(in);
        Map<String, String> settings = Wire.readStringMap(in);
        int n = Wire.readCount(in, "partition count", 20);
        List<PartitionState> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new PartitionState(Wire.readInt(in, "partition"), Wire.readLong(in, "log start"),
                    Wire.readLong(in, "log end")));
        }
        return new DescribeDestinationResponse(d, settings, list);
    }
}
