package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Broker push {@code PARTITIONS_LOST}: this broker no longer leads these partitions of an attachment (leadership
 * moved, or the broker was deposed). The attachment stays for its other partitions; acknowledgements sent to it
 * later for records of these partitions are answered {@code NOT_LEADER}, and the records come again from the new
 * leader, flagged redelivered.
 */
public record PartitionsLostNotice(int subscriptionId, List<Integer> partitions) {

    public PartitionsLostNotice {
        partitions = List.copyOf(partitions);
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        SubscriptionPartitionsRequest.writePartitions(out, partitions);
    }

    public static PartitionsLostNotice readFrom(ByteBuf in) {
        return new PartitionsLostNotice(Wire.readInt(in, "subscription id"),
                SubscriptionPartitionsRequest.readPartitions(in));
    }
}
