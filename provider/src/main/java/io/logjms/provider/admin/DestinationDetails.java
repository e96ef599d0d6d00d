package io.logjms.provider.admin;

import io.logjms.protocol.DestinationType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A described destination: its effective settings as the broker reports them (defaults filled in:
 * {@code partitions}, {@code retention.ms}, {@code retention.bytes}, {@code segment.bytes}, and
 * {@code temporary} for temporary destinations) and the offsets of each partition.
 */
public record DestinationDetails(DestinationType type, String name, Map<String, String> settings,
                                 List<PartitionRange> partitions) {

    public DestinationDetails {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        partitions = List.copyOf(partitions);
    }

    /**
     * One partition: the offsets of the answering broker's copy (the first retained record and the next offset to
     * be written), and for the cluster its leader (null when none), replicas, in-sync replicas (the leader
     * included), leader epoch and high watermark (exclusive; null when no broker reported it).
     */
    public record PartitionRange(int partition, long logStartOffset, long logEndOffset, Integer leader,
                                 List<Integer> replicas, List<Integer> inSync, int leaderEpoch, Long highWatermark) {
        public PartitionRange {
            replicas = List.copyOf(replicas);
            inSync = List.copyOf(inSync);
        }

        /** Offsets only. */
        public PartitionRange(int partition, long logStartOffset, long logEndOffset) {
            this(partition, logStartOffset, logEndOffset, null, List.of(), List.of(), 0, null);
        }

        /** Records currently retained. */
        public long records() {
            return logEndOffset - logStartOffset;
        }
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** Retention time in milliseconds, -1 for unlimited. */
    public long retentionMs() {
        return longSetting(DestinationSettings.RETENTION_MS);
    }

    /** Retained bytes per partition, -1 for unlimited. */
    public long retentionBytes() {
        return longSetting(DestinationSettings.RETENTION_BYTES);
    }

    public long segmentBytes() {
        return longSetting(DestinationSettings.SEGMENT_BYTES);
    }

    public boolean temporary() {
        return Boolean.parseBoolean(settings.get("temporary"));
    }

    private long longSetting(String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalStateException("the broker did not report " + key + " for " + name);
        }
        return Long.parseLong(v);
    }
}
