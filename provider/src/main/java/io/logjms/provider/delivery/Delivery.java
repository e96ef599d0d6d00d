package io.logjms.provider.delivery;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.RecordRef;

/**
 * One record the broker pushed to a consumer, not yet given to the application.
 *
 * @param fromBatch whether it came in a whole stored batch (which may begin before the subscription's
 *     position, so the consumer skips records it has passed)
 */
public record Delivery(int subscriptionId, int partition, DeliveredRecord record, boolean fromBatch) {

    /** The record's partition and offset, as acks and releases name it. */
    public RecordRef ref() {
        return new RecordRef(partition, record.offset());
    }
}
