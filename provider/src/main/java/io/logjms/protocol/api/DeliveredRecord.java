package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** One record in a {@link DeliverHeader#FORMAT_RECORDS} delivery, with its offset and delivery count. */
public record DeliveredRecord(long offset, long timestamp, int deliveryCount, byte[] key, byte[] headers,
                              byte[] value) {

    public void writeTo(ByteBuf out) {
        out.writeLong(offset);
        out.writeLong(timestamp);
        out.writeInt(deliveryCount);
        Wire.writeBytes(out, key);
        Wire.writeBytes(out, headers);
        Wire.writeBytes(out, value);
    }

    public static DeliveredRecord readFrom(ByteBuf in) {
        return new DeliveredRecord(Wire.readLong(in, "offset"), Wire.readLong(in, "timestamp"),
                Wire.readInt(in, "delivery count"), Wire.readBytes(in), Wire.readBytes(in), Wire.readBytes(in));
    }
}
