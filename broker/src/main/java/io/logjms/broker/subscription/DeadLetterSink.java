package io.logjms.broker.subscription;

import io.logjms.protocol.DestinationId;

/** Takes records that were delivered too often. */
@FunctionalInterface
public interface DeadLetterSink {
    /** Stores the record in the dead-letter queue; throws when it cannot, so the record stays. */
    void deadLetter(StoredRecord record, DestinationId from, int deliveryCount);
}
