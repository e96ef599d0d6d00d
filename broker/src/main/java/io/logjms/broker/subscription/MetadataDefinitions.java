package io.logjms.broker.subscription;

import io.logjms.broker.metadata.MetadataStore;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The definitions of a standalone broker: records of the metadata store's {@value #NAMESPACE} namespace. */
public final class MetadataDefinitions implements SubscriptionDefinitions {
    static final String NAMESPACE = "subscriptions";
    /** A standalone broker deletes the cursor files on a replacement, so incarnations need not be told apart. */
    private static final long INCARNATION = 1;

    private final MetadataStore metadata;

    public MetadataDefinitions(MetadataStore metadata) {
        this.metadata = metadata;
    }

    @Override
    public Optional<DefinedSubscription> find(String id) {
        return metadata.record(NAMESPACE, id).map(b -> new DefinedSubscription(id, SubscriptionDefinition.decode(b),
                INCARNATION));
    }

    @Override
    public SortedMap<String, DefinedSubscription> all() {
        SortedMap<String, DefinedSubscription> all = new TreeMap<>();
        metadata.records(NAMESPACE).forEach((id, b) -> all.put(id, new DefinedSubscription(id,
                SubscriptionDefinition.decode(b), INCARNATION)));
        return all;
    }

    @Override
    public DefinedSubscription store(String id, SubscriptionDefinition wanted) {
        Optional<DefinedSubscription> stored = find(id);
        if (stored.isPresent() && stored.get().definition().sameAs(wanted)) {
            return stored.get();
        }
        metadata.putRecord(NAMESPACE, id, wanted.encode());
        return new DefinedSubscription(id, wanted, INCARNATION);
    }

    @Override
    public boolean delete(String id) {
        return metadata.deleteRecord(NAMESPACE, id);
    }
}
