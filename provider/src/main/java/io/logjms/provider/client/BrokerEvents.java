package io.logjms.provider.client;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;

/**
 * What a {@link BrokerConnection} reports without being asked. Called on the connection's I/O thread:
 * implementations hand work off rather than block.
 */
public interface BrokerEvents {

    /**
     * Records pushed to a subscription, in offset order within the partition.
     *
     * @param fromBatches true when the broker sent whole stored batches, which may start before the
     *     subscription's position; false for individually selected records
     */
    void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches);

    /** The broker ended a subscription (destination deleted, storage error). */
    void onSubscriptionClosed(SubscriptionClosedNotice notice);

    /** The connection was lost; {@code cause} says why, or is null when it was closed locally. */
    void onConnectionLost(Throwable cause);
}
