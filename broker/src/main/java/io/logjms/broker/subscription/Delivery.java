package io.logjms.broker.subscription;

import io.logjms.protocol.api.DeliveredRecord;
import io.netty.buffer.ByteBuf;

/** A record handed to a consumer, with the delivery count it carries this time. */
public record Delivery(StoredRecord record, int deliveryCount) {

    public long offset() {
        return record.offset();
    }

    /** Bytes it takes in a DELIVER frame. */
    public int wireSize() {
        return record.deliveredSize();
    }

    /** Writes it in the {@link DeliveredRecord} wire form. */
    public void writeTo(ByteBuf out) {
        record.writeDelivered(out, deliveryCount);
    }

    public DeliveredRecord toDeliveredRecord() {
        return record.toDelivered(deliveryCount);
    }
}
