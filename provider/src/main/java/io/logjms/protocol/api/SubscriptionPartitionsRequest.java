package io.logjms.protocol.api;

import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SUBSCRIPTION_PARTITIONS}: the partitions an attachment of this connection covers from now on (all of
 * them, not a difference). The answer is a {@link SubscribeResponse} with the positions of those partitions.
 */
public record SubscriptionPartitionsRequest(int subscriptionId, List<Integer> partitions) {

    public SubscriptionPartitionsRequest {
        partitions = List.copyOf(partitions);
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        writePartitions(out, partitions);
    }

    public static SubscriptionPartitionsRequest readFrom(ByteBuf in) {
        return new SubscriptionPartitionsRequest(Wire.readInt(in, "subscription id"), readPartitions(in));
    }

    static void writePartitions(ByteBuf out, List<Integer> partitions) {
        out.writeInt(partitions.size());
        partitions.forEach(out::writeInt);
    }

    static List<Integer> readPartitions(ByteBuf in) {
        int n = Wire.readCount(in, "partition count", 4);
        List<Integer> partitions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            partitions.add(RequestChecks.nonNegative("partition", Wire.readInt(in, "partition")));
        }
        return partitions;
    }
}
