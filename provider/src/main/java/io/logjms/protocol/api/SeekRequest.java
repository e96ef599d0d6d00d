package io.logjms.protocol.api;

import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Moves the cursors of a subscription of this connection: every partition, or one ({@code partition} >= 0).
 * Records in flight are forgotten (their acknowledgements no longer count) and everything from the new
 * position is delivered again. The answer is the new positions ({@link SubscribeResponse} layout).
 */
public record SeekRequest(int subscriptionId, SeekMode mode, long value, int partition) {
    public static final int ALL_PARTITIONS = -1;

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        out.writeByte(mode.code());
        out.writeLong(value);
        out.writeInt(partition);
    }

    public static SeekRequest readFrom(ByteBuf in) {
        return new SeekRequest(Wire.readInt(in, "subscription id"), SeekMode.fromCode(Wire.readByte(in, "seek mode")),
                Wire.readLong(in, "value"), RequestChecks.partitionOrAll("partition", Wire.readInt(in, "partition")));
    }
}
