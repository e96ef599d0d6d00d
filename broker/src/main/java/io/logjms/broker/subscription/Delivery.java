package io.logjms.broker.subscription;

/** A record handed to a consumer, with the delivery count it carries this time. */
public record Delivery(StoredRecord record, int deliveryCount) {

    public long offset() {
        return record.offset();
    }
}
