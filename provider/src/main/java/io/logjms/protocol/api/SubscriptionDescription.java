package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Admin view of a subscription's progress, per partition: log start and end, the committed position
 * (everything below is acknowledged), the lag (log end minus committed) and the records retention
 * deleted before the subscription consumed them.
 */
public record SubscriptionDescription(SubscriptionInfo info, List<PartitionProgress> partitions) {

    /** One partition's numbers. */
    public record PartitionProgress(int partition, long logStartOffset, long logEndOffset, long committed,
                                    long inFlight, long skippedByRetention) {
        public long lag() {
            return Math.max(0, logEndOffset - committed);
        }
    }

    public void writeTo(ByteBuf out) {
        info.writeTo(out);
        out.writeInt(partitions.size());
        for (PartitionProgress p : partitions) {
            out.writeInt(p.partition());
            out.writeLong(p.logStartOffset());
            out.writeLong(p.logEndOffset());
            out.writeLong(p.committed());
            out.writeLong(p.inFlight());
            out.writeLong(p.skippedByRetention());
        }
    }

    public static SubscriptionDescription readFrom(ByteBuf in) {
        SubscriptionInfo info = SubscriptionInfo.readFrom(in);
        int n = Wire.readCount(in, "partition count", 44);
        List<PartitionProgress> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new PartitionProgress(Wire.readInt(in, "partition"), Wire.readLong(in, "log start"),
                    Wire.readLong(in, "log end"), Wire.readLong(in, "committed"), Wire.readLong(in, "in flight"),
                    Wire.readLong(in, "skipped")));
        }
        return new SubscriptionDescription(info, list);
    }
}
