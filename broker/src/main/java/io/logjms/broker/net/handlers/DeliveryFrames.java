package io.logjms.broker.net.handlers;

import io.logjms.broker.subscription.Delivery;
import io.logjms.broker.subscription.StoredRecord;
import io.logjms.protocol.api.DeliveredRecord;
import io.netty.buffer.ByteBuf;

/** Encodes deliveries in the {@link DeliveredRecord} wire form, straight from the stored bytes. */
public final class DeliveryFrames {
    /** Fixed part of a record in a DELIVER frame: offset, timestamp, delivery count, three lengths. */
    private static final int DELIVERED_OVERHEAD = 8 + 8 + 4 + 3 * 4;

    private DeliveryFrames() {
    }

    /** Bytes a delivery takes in a DELIVER frame of format 1. */
    public static int wireSize(Delivery delivery) {
        return DELIVERED_OVERHEAD + delivery.record().storedSize();
    }

    /** Writes a delivery as a {@link DeliveredRecord} would be written. */
    public static void write(ByteBuf out, Delivery delivery) {
        StoredRecord record = delivery.record();
        out.writeLong(record.offset());
        out.writeLong(record.timestamp());
        out.writeInt(delivery.deliveryCount());
        record.writeFields((data, from, length) -> {
            out.writeInt(length);
            if (length > 0) {
                out.writeBytes(data, from, length);
            }
        });
    }

    public static DeliveredRecord toDeliveredRecord(Delivery delivery) {
        StoredRecord r = delivery.record();
        return new DeliveredRecord(r.offset(), r.timestamp(), delivery.deliveryCount(), r.key(), r.headerBytes(),
                r.value());
    }
}
