package io.logjms.provider.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings for creating or altering a destination; a null field means "the broker default" on create
 * and "unchanged" on alter. The partition count can only be chosen at creation. {@code -1} for a
 * retention setting means unlimited.
 *
 * @param partitions     partition count (create only)
 * @param retentionMs    how long records are kept, in milliseconds
 * @param retentionBytes how many bytes each partition keeps
 * @param segmentBytes   size of the log segments a partition rolls over at
 * @param replicationFactor copies of each partition in a cluster (create only; capped at the live brokers)
 */
public record DestinationSettings(Integer partitions, Long retentionMs, Long retentionBytes, Long segmentBytes,
                                  Integer replicationFactor) {
    /** The wire names of the settings, as {@code describe} shows them. */
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String SEGMENT_BYTES = "segment.bytes";

    /** The wire name of the replication factor, as {@code describe} shows it. */
    public static final String REPLICATION_FACTOR = "replication.factor";

    public DestinationSettings {
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
    }

    /** Settings with the broker's default replication factor. */
    public DestinationSettings(Integer partitions, Long retentionMs, Long retentionBytes, Long segmentBytes) {
        this(partitions, retentionMs, retentionBytes, segmentBytes, null);
    }

    /** No setting given: broker defaults on create, nothing changed on alter. */
    public static DestinationSettings defaults() {
        return new DestinationSettings(null, null, null, null, null);
    }

    public DestinationSettings withReplicationFactor(int factor) {
        return new DestinationSettings(partitions, retentionMs, retentionBytes, segmentBytes, factor);
    }

    public DestinationSettings withPartitions(int n) {
        return new DestinationSettings(n, retentionMs, retentionBytes, segmentBytes, replicationFactor);
    }

    public DestinationSettings withRetentionMs(long ms) {
        return new DestinationSettings(partitions, ms, retentionBytes, segmentBytes, replicationFactor);
    }

    public DestinationSettings withRetentionBytes(long bytes) {
        return new DestinationSettings(partitions, retentionMs, bytes, segmentBytes, replicationFactor);
    }

    public DestinationSettings withSegmentBytes(long bytes) {
        return new DestinationSettings(partitions, retentionMs, retentionBytes, bytes, replicationFactor);
    }

    /** True when no log setting (retention, segment size) is given. */
    public boolean hasNoLogSettings() {
        return retentionMs == null && retentionBytes == null && segmentBytes == null;
    }

    /** The log settings as the protocol carries them (partitions travel separately). */
    Map<String, String> toWire() {
        Map<String, String> m = new LinkedHashMap<>();
        if (retentionMs != null) {
            m.put(RETENTION_MS, Long.toString(retentionMs));
        }
        if (retentionBytes != null) {
            m.put(RETENTION_BYTES, Long.toString(retentionBytes));
        }
        if (segmentBytes != null) {
            m.put(SEGMENT_BYTES, Long.toString(segmentBytes));
        }
        return m;
    }
}
