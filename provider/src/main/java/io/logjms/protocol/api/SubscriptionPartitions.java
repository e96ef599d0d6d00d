package io.logjms.protocol.api;

import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code SUBSCRIPTION_PARTITIONS} (request: the partitions the attachment covers from now on) and of
 * {@code PARTITIONS_LOST} (push: the partitions this broker stopped leading):
 * {@code int32 subscriptionId, int32 n, n × int32 partition}.
 */
public record SubscriptionPartitions(int subscriptionId, List<Integer> partitions) {

    public SubscriptionPartitions {
        partitions = List.copyOf(partitions);
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        out.writeInt(partitions.size());
        partitions.forEach(out::writeInt);
    }

    public static SubscriptionPartitions readFrom(ByteBuf in) {
        int subscriptionId = Wire.readInt(in, "subscription id");
        int n = Wire.readCount(in, "partition count", 4);
        List<Integer> partitions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            partitions.add(RequestChecks.nonNegative("partition", Wire.readInt(in, "partition")));
        }
        return new SubscriptionPartitions(subscriptionId, partitions);
    }
}
