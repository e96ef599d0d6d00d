package io.logjms.broker.metadata;

class InMemoryMetadataStoreTest extends MetadataStoreContract {

    @Override
    protected MetadataStore newStore() {
        return new InMemoryMetadataStore();
    }
}
