package io.logjms.broker.metadata;

/**
 * One change to the metadata, as journaled. Every change sets or removes one entry, so applying a change
 * twice gives the same state as applying it once.
 */
sealed interface MetadataChange {

    /** Creates or replaces a destination. */
    record PutDestination(DestinationMetadata destination) implements MetadataChange {
    }

    /** Removes a destination. */
    record DeleteDestination(DestinationKey key) implements MetadataChange {
    }

    /** Creates or replaces a record; {@code value} is owned by the change and never modified. */
    record PutRecord(String namespace, String key, byte[] value) implements MetadataChange {
    }

    /** Removes a record. */
    record DeleteRecord(String namespace, String key) implements MetadataChange {
    }
}
