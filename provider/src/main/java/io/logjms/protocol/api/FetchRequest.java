package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** Reads whole record batches from one partition starting at an offset, up to about {@code maxBytes}. */
public record FetchRequest(DestinationId destination, int partition, long offset, int maxBytes) {

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        out.writeInt(partition);
        out.writeLong(offset);
        out.writeInt(maxBytes);
    }

    public static FetchRequest readFrom(ByteBuf in) {
        return new FetchRequest(DestinationId.readFrom(in),
                RequestChecks.nonNegative("partition", Wire.readInt(in, "partition")),
                RequestChecks.nonNegative("offset", Wire.readLong(in, "offset")),
                RequestChecks.nonNegative("maxBytes", Wire.readInt(in, "max bytes")));
    }
}
