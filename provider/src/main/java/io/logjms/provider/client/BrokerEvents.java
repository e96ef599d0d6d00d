package io.logjms.provider.client;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;
import java.util.Map;

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

    /**
     * The connection was lost for good (reconnecting is off or gave up); {@code cause} says why, or is
     * null when it was closed locally.
     */
    void onConnectionLost(Throwable cause);

    // ---- reconnecting (see ReconnectingBrokerConnection); the defaults suit a client that ignores it ----

    /** The connection was lost and is being re-established; requests wait meanwhile. */
    default void onConnectionInterrupted(Throwable cause) {
    }

    /**
     * A new connection is up, before any subscription is restored: records delivered on the lost
     * connection and not yet acknowledged go back to their subscriptions, so forget them.
     */
    default void onReconnected() {
    }

    /**
     * Temporary destinations of the lost connection: the broker deleted them with it. Subscriptions on
     * them are closed next, through {@link #onSubscriptionClosed}.
     */
    default void onTemporaryDestinationsLost(List<io.logjms.protocol.DestinationId> destinations) {
    }

    /**
     * Where a subscription continues on the new connection: the next offset per partition, or null to
     * continue from its state on the broker. Called just before it is subscribed again; the consumer
     * drops what it holds ahead and starts a fresh credit window.
     */
    default Map<Integer, Long> resumePositions(int subscriptionId) {
        return null;
    }

    /** A subscription was subscribed again, now at these positions; credit follows. */
    default void onSubscriptionRestored(int subscriptionId, Map<Integer, Long> positions) {
    }

    /** Reconnected: state restored and the unanswered requests sent again. */
    default void onConnectionRestored() {
    }
}
