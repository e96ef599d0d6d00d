package io.logjms.protocol.api;

import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The fixed part of a delivery push. Format {@link #FORMAT_BATCHES}: {@code length} bytes of whole
 * record batches follow (sent from the log file with zero copy). Format {@link #FORMAT_RECORDS}: a list
 * of {@link DeliveredRecord}s follows, used when the broker filtered or split batches.
 */
public record DeliverHeader(int subscriptionId, int partition, byte format, int length) {
    public static final byte FORMAT_BATCHES = 0;
    public static final byte FORMAT_RECORDS = 1;

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        out.writeInt(partition);
        out.writeByte(format);
        out.writeInt(length);
    }

    public static DeliverHeader readFrom(ByteBuf in) {
        DeliverHeader h = new DeliverHeader(Wire.readInt(in, "subscription id"), Wire.readInt(in, "partition"),
                Wire.readByte(in, "format"), Wire.readInt(in, "length"));
        if (h.format != FORMAT_BATCHES && h.format != FORMAT_RECORDS) {
            throw new MalformedFrameException("unknown delivery format " + h.format);
        }
        if (h.length < 0 || h.length > in.readableBytes()) {
            throw new MalformedFrameException("delivery length " + h.length + " exceeds the frame");
        }
        return h;
    }
}
