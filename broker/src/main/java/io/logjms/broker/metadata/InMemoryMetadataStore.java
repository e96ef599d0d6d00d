package io.logjms.broker.metadata;

/**
 * A {@link MetadataStore} that keeps everything in memory and loses it on close: for tests and for brokers
 * whose metadata need not survive a restart. Changes are "durable" as soon as they are applied.
 * Thread-safe.
 */
public final class InMemoryMetadataStore extends AbstractMetadataStore {

    /** An empty store. */
    public InMemoryMetadataStore() {
        super(new MetadataState());
    }

    @Override
    void persist(MetadataChange change) {
        // Nothing to write: the state in memory is the only copy.
    }

    @Override
    void closeStorage() {
        // Nothing to release.
    }
}
