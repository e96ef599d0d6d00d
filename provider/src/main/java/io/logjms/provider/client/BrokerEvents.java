package io.logjms.provider.client;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    // ---- clusters (see ClusterSubscriptions) ----

    /**
     * The broker pushed {@code PARTITIONS_LOST}: it no longer leads these partitions of the subscription's attachment
     * on this connection. Only the routing connection of a cluster listens.
     */
    default void onPartitionsLost(int subscriptionId, List<Integer> partitions) {
    }

    /**
     * Partitions of a subscription are moving to another broker (their leader changed, or the connection to their
     * broker was lost): what the consumer holds of them and what the application received of them and did not
     * acknowledge comes again from the new leader, flagged redelivered, so forget it (a transaction that holds such
     * records can no longer commit).
     *
     * @param partitions the partitions moving, or null for all of the subscription's
     * @return for a subscription that resumes at explicit offsets (a non-durable subscriber), where each of these
     *     partitions continues: right after the last record handed to the application; null for the kinds that
     *     continue from their state on the broker
     */
    default Map<Integer, Long> onPartitionsMoving(int subscriptionId, Set<Integer> partitions) {
        return null;
    }

    /** Moving partitions of a subscription are attached again, at these positions. */
    default void onPartitionsMoved(int subscriptionId, Map<Integer, Long> positions) {
    }
}
