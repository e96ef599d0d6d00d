package io.logjms.broker.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metadata held in memory, changed only by {@link #apply}. Not thread-safe: the owning store guards it.
 * Byte arrays handed out are copies.
 */
final class MetadataState {
    private final Map<DestinationKey, DestinationMetadata> destinations = new TreeMap<>();
    private final Map<String, Map<String, byte[]>> records = new TreeMap<>();

    void apply(MetadataChange change) {
        if (change instanceof MetadataChange.PutDestination put) {
            destinations.put(put.destination().key(), put.destination());
        } else if (change instanceof MetadataChange.DeleteDestination delete) {
            destinations.remove(delete.key());
        } else if (change instanceof MetadataChange.PutRecord put) {
            records.computeIfAbsent(put.namespace(), ns -> new TreeMap<>()).put(put.key(), put.value());
        } else if (change instanceof MetadataChange.DeleteRecord delete) {
            Map<String, byte[]> namespace = records.get(delete.namespace());
            if (namespace != null) {
                namespace.remove(delete.key());
                if (namespace.isEmpty()) {
                    records.remove(delete.namespace());
                }
            }
        } else {
            throw new IllegalArgumentException("unknown change " + change);
        }
    }

    Optional<DestinationMetadata> destination(DestinationKey key) {
        return Optional.ofNullable(destinations.get(key));
    }

    List<DestinationMetadata> destinations() {
        return List.copyOf(destinations.values());
    }

    boolean hasRecord(String namespace, String key) {
        Map<String, byte[]> inNamespace = records.get(namespace);
        return inNamespace != null && inNamespace.containsKey(key);
    }

    Optional<byte[]> record(String namespace, String key) {
        Map<String, byte[]> inNamespace = records.get(namespace);
        byte[] value = inNamespace == null ? null : inNamespace.get(key);
        return Optional.ofNullable(value).map(byte[]::clone);
    }

    Map<String, byte[]> records(String namespace) {
        Map<String, byte[]> copy = new TreeMap<>();
        records.getOrDefault(namespace, Map.of()).forEach((key, value) -> copy.put(key, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** The changes that rebuild this state from empty: what a snapshot holds. */
    List<MetadataChange> asChanges() {
        List<MetadataChange> changes = new ArrayList<>();
        destinations.values().forEach(d -> changes.add(new MetadataChange.PutDestination(d)));
        records.forEach((namespace, inNamespace) -> inNamespace.forEach(
                (key, value) -> changes.add(new MetadataChange.PutRecord(namespace, key, value))));
        return changes;
    }
}
