package io.logjms.protocol.api;

import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Admin: moves a stored subscription (by its {@link SubscriptionInfo#id()}) to a position in every
 * partition ({@code partition} -1) or one. Refused while consumers are attached unless {@code force}.
 */
public record ResetSubscriptionRequest(String subscriptionId, SeekMode mode, long value, int partition, boolean force) {

    public void writeTo(ByteBuf out) {
        Wire.writeString(out, subscriptionId);
        out.writeByte(mode.code());
        out.writeLong(value);
        out.writeInt(partition);
        out.writeBoolean(force);
    }

    public static ResetSubscriptionRequest readFrom(ByteBuf in) {
        return new ResetSubscriptionRequest(RequestChecks.required("subscriptionId", Wire.readString(in)),
                SeekMode.fromCode(Wire.readByte(in, "mode")), Wire.readLong(in, "value"),
                RequestChecks.partitionOrAll("partition", Wire.readInt(in, "partition")), Wire.readBoolean(in, "force"));
    }
}
