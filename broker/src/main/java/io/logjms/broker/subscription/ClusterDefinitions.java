package io.logjms.broker.subscription;

import io.logjms.broker.cluster.SubscriptionEntry;
import io.logjms.broker.cluster.SubscriptionRegistry;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The definitions of a broker in a cluster: the cluster's {@link SubscriptionRegistry}, written by compare-and-set
 * and copied to every broker. A change fails with a {@link io.logjms.broker.cluster.ClusterException} when the
 * cluster cannot make it (no majority); reads answer from this broker's copy.
 */
public final class ClusterDefinitions implements SubscriptionDefinitions {
    private final SubscriptionRegistry registry;

    public ClusterDefinitions(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<DefinedSubscription> find(String id) {
        return registry.subscription(id).flatMap(ClusterDefinitions::defined);
    }

    @Override
    public SortedMap<String, DefinedSubscription> all() {
        SortedMap<String, DefinedSubscription> all = new TreeMap<>();
        for (SubscriptionEntry e : registry.subscriptions()) {
            defined(e).ifPresent(d -> all.put(d.id(), d));
        }
        return all;
    }

    @Override
    public DefinedSubscription store(String id, SubscriptionDefinition wanted) {
        byte[] bytes = wanted.encode();
        SubscriptionEntry stored = registry.write(id, current -> {
            if (current == null) {
                return SubscriptionEntry.first(id, bytes);
            }
            if (!current.deleted() && SubscriptionDefinition.decode(current.definition()).sameAs(wanted)) {
                return current;
            }
            return current.next(bytes, true);
        });
        return defined(stored).orElseThrow();
    }

    @Override
    public boolean delete(String id) {
        boolean[] existed = new boolean[1];
        registry.write(id, current -> {
            existed[0] = current != null && !current.deleted();
            return existed[0] ? current.tombstone() : current;
        });
        return existed[0];
    }

    @Override
    public void onRemoteChange(BiConsumer<String, Optional<DefinedSubscription>> listener) {
        registry.addListener(e -> listener.accept(e.id(), defined(e)));
    }

    private static Optional<DefinedSubscription> defined(SubscriptionEntry e) {
        return e.deleted() ? Optional.empty()
                : Optional.of(new DefinedSubscription(e.id(), SubscriptionDefinition.decode(e.definition()),
                        e.incarnation()));
    }
}
