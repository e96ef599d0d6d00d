package io.logjms.broker.subscription;

import io.logjms.protocol.ErrorCode;
import java.util.List;

/** Where a consumer's deliveries go: the network layer pushes them to the client. */
public interface DeliverySink {
    void deliver(int partition, List<Delivery> deliveries);

    /**
     * Whether whole stored batches may be handed to this sink as they lie in the file
     * ({@link #deliverBatches}); false where the bytes cannot go straight from the file to the peer.
     */
    default boolean acceptsBatches() {
        return false;
    }

    /** Hands whole stored batches over; called only when {@link #acceptsBatches()} is true. */
    default void deliverBatches(int partition, BatchDelivery batches) {
        throw new UnsupportedOperationException("this sink takes records only");
    }

    /**
     * This broker stopped leading {@code partitions} of the consumer's subscription (a cluster): their records in
     * flight come again from the new leader. The consumer stays attached for its other partitions.
     */
    default void partitionsLost(List<Integer> partitions) {
    }

    /** The subscription ended for the consumer without it asking (destination deleted, storage error). */
    void closed(ErrorCode error, String message);

    /** The broker-wide id of the consumer's connection. */
    String connectionId();

    /**
     * The identity a record sent on the consumer's connection carries as its origin, which noLocal compares:
     * stable across the client's reconnects where the client presents one, otherwise the connection id.
     */
    default String origin() {
        return connectionId();
    }
}
