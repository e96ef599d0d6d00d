package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A destination's settings and, per partition, its log start and end offsets (on the answering broker), its
 * replicas, leader, in-sync replicas, leader epoch and high watermark (for the whole cluster).
 */
public record DescribeDestinationResponse(DestinationId destination, Map<String, String> settings,
                                          List<PartitionState> partitions) {

    /**
     * One partition: the first retained offset and the next offset to be written, the leader's node id
     * ({@link #NO_LEADER} when none), the replicas and the in-sync replicas (node ids, the leader included), the
     * leader epoch, and the high watermark (exclusive; {@link #UNKNOWN} when no broker reported it).
     */
    public record PartitionState(int partition, long logStartOffset, long logEndOffset, int leader,
                                 List<Integer> replicas, List<Integer> inSync, int leaderEpoch, long highWatermark) {
        public static final int NO_LEADER = -1;
        public static final long UNKNOWN = -1;

        public PartitionState {
            replicas = List.copyOf(replicas);
            inSync = List.copyOf(inSync);
        }

        /** Offsets only: no replica information. */
        public PartitionState(int partition, long logStartOffset, long logEndOffset) {
            this(partition, logStartOffset, logEndOffset, NO_LEADER, List.of(), List.of(), 0, UNKNOWN);
        }
    }

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        Wire.writeStringMap(out, settings);
        out.writeInt(partitions.size());
        for (PartitionState p : partitions) {
            out.writeInt(p.partition());
            out.writeLong(p.logStartOffset());
            out.writeLong(p.logEndOffset());
            out.writeInt(p.leader());
            writeIds(out, p.replicas());
            writeIds(out, p.inSync());
            out.writeInt(p.leaderEpoch());
            out.writeLong(p.highWatermark());
        }
    }

    private static void writeIds(ByteBuf out, List<Integer> ids) {
        out.writeInt(ids.size());
        ids.forEach(out::writeInt);
    }

    private static List<Integer> readIds(ByteBuf in, String field) {
        int n = Wire.readCount(in, field, 4);
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Wire.readInt(in, field));
        }
        return ids;
    }

    public static DescribeDestinationResponse readFrom(ByteBuf in) {
        DestinationId d = DestinationId.readFrom(in);
        Map<String, String> settings = Wire.readStringMap(in);
        int n = Wire.readCount(in, "partition count", 40);
        List<PartitionState> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new PartitionState(Wire.readInt(in, "partition"), Wire.readLong(in, "log start"),
                    Wire.readLong(in, "log end"), Wire.readInt(in, "leader"), readIds(in, "replicas"),
                    readIds(in, "inSync"), Wire.readInt(in, "leader epoch"), Wire.readLong(in, "high watermark")));
        }
        return new DescribeDestinationResponse(d, settings, list);
    }
}
