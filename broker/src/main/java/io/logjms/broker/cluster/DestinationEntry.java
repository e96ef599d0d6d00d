package io.logjms.broker.cluster;

import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.util.Objects;

/**
 * A destination as the cluster stores it: its metadata and replication factor under a version that grows with
 * every change. A deleted destination stays as a tombstone (a higher version, {@code metadata} null), so that a
 * broker that missed the delete cannot bring it back when the whole cluster restarts: the highest version wins.
 *
 * @param key the destination
 * @param version grows by one with every change of this key, deletes included
 * @param metadata the destination's metadata, null when deleted
 * @param replicationFactor the number of replicas of each partition (as placed: capped at the live brokers)
 */
record DestinationEntry(DestinationKey key, long version, DestinationMetadata metadata, int replicationFactor) {
    public DestinationEntry {
        Objects.requireNonNull(key, "key");
        if (version < 1) {
            throw new IllegalArgumentException("version of " + key + " must be at least 1: " + version);
        }
        if (metadata != null && !metadata.key().equals(key)) {
            throw new IllegalArgumentException("metadata of " + metadata.key() + " stored under " + key);
        }
    }

    public boolean deleted() {
        return metadata == null;
    }

    /** The next version of this key holding {@code newMetadata} (null: a tombstone). */
    public DestinationEntry next(DestinationMetadata newMetadata, int newReplicationFactor) {
        return new DestinationEntry(key, version + 1, newMetadata, newReplicationFactor);
    }
}
