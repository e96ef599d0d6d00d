package io.logjms.broker.subscription;

import java.util.Optional;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * Where the definitions of stored (durable and shared durable) subscriptions live: the broker's metadata store
 * when it is standalone ({@link MetadataDefinitions}), the cluster's registry otherwise ({@link ClusterDefinitions}),
 * so that every broker of a cluster holds every stored subscription. Reads never wait; changes may wait for the
 * cluster (not on a network thread).
 */
public interface SubscriptionDefinitions {

    Optional<DefinedSubscription> find(String id);

    /** Every stored definition, ordered by id. */
    SortedMap<String, DefinedSubscription> all();

    /**
     * Stores {@code wanted} under {@code id}: keeps the stored definition if it is the same
     * ({@link SubscriptionDefinition#sameAs}), else stores {@code wanted} as a new incarnation.
     *
     * @return what is stored now
     */
    DefinedSubscription store(String id, SubscriptionDefinition wanted);

    /**
     * Deletes a definition.
     *
     * @return whether one was stored
     */
    boolean delete(String id);

    /**
     * Tells {@code listener} of definitions that other brokers created, replaced ({@code now} present) or deleted
     * ({@code now} empty), in order per id, on a thread of the store's own. A standalone store has none to tell.
     */
    default void onRemoteChange(BiConsumer<String, Optional<DefinedSubscription>> listener) {
    }
}
