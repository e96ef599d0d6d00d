package io.logjms.broker.metadata;

import java.util.Objects;

/**
 * What the broker stores about one destination: its key, its partition count, and optional overrides of the
 * broker-wide retention and segment settings ({@code null} means "use the broker's setting").
 *
 * @param key the destination's kind and name
 * @param partitions the number of partitions, 1..{@value #MAX_PARTITIONS}
 * @param retentionMs override of {@code retention.ms}: {@code null}, {@value #UNLIMITED} (keep forever) or >= 0
 * @param retentionBytes override of {@code retention.bytes}: {@code null}, {@value #UNLIMITED} or >= 0
 * @param segmentBytes override of {@code segment.bytes}: {@code null} or >= {@value #MIN_SEGMENT_BYTES}
 */
public record DestinationMetadata(DestinationKey key, int partitions, Long retentionMs, Long retentionBytes,
                                  Long segmentBytes) {

    /** The largest partition count of a destination. */
    public static final int MAX_PARTITIONS = 10_000;
    /** The smallest segment size, in bytes. */
    public static final long MIN_SEGMENT_BYTES = 1024;
    /** The retention value meaning "no limit". */
    public static final long UNLIMITED = -1;

    /**
     * @throws InvalidMetadataException if a value is out of range
     */
    public DestinationMetadata {
        Objects.requireNonNull(key, "key");
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw invalid(key, "partitions", partitions, "1.." + MAX_PARTITIONS);
        }
        if (retentionMs != null && retentionMs < UNLIMITED) {
            throw invalid(key, "retention.ms", retentionMs, "-1 (forever) or >= 0");
        }
        if (retentionBytes != null && retentionBytes < UNLIMITED) {
            throw invalid(key, "retention.bytes", retentionBytes, "-1 (unlimited) or >= 0");
        }
        if (segmentBytes != null && segmentBytes < MIN_SEGMENT_BYTES) {
            throw invalid(key, "segment.bytes", segmentBytes, ">= " + MIN_SEGMENT_BYTES);
        }
    }

    /** A destination with {@code partitions} partitions and no overrides. */
    public static DestinationMetadata of(DestinationKey key, int partitions) {
        return new DestinationMetadata(key, partitions, null, null, null);
    }

    private static InvalidMetadataException invalid(DestinationKey key, String setting, long value, String allowed) {
        return new InvalidMetadataException("Invalid " + setting + " " + value + " for destination " + key
                + ": expected " + allowed);
    }

    /** The destination's kind. */
    public DestinationKind kind() {
        return key.kind();
    }

    /** The destination's JMS name. */
    public String name() {
        return key.name();
    }

    /** A copy with another partition count. */
    public DestinationMetadata withPartitions(int newPartitions) {
        return new DestinationMetadata(key, newPartitions, retentionMs, retentionBytes, segmentBytes);
    }

    /** A copy with another {@code retention.ms} override ({@code null} removes it). */
    public DestinationMetadata withRetentionMs(Long newRetentionMs) {
        return new DestinationMetadata(key, partitions, newRetentionMs, retentionBytes, segmentBytes);
    }

    /** A copy with another {@code retention.bytes} override ({@code null} removes it). */
    public DestinationMetadata withRetentionBytes(Long newRetentionBytes) {
        return new DestinationMetadata(key, partitions, retentionMs, newRetentionBytes, segmentBytes);
    }

    /** A copy with another {@code segment.bytes} override ({@code null} removes it). */
    public DestinationMetadata withSegmentBytes(Long newSegmentBytes) {
        return new DestinationMetadata(key, partitions, retentionMs, retentionBytes, newSegmentBytes);
    }

    /** The override of {@code retention.ms}, or {@code brokerDefault} when there is none. */
    public long retentionMsOr(long brokerDefault) {
        return retentionMs != null ? retentionMs : brokerDefault;
    }

    /** The override of {@code retention.bytes}, or {@code brokerDefault} when there is none. */
    public long retentionBytesOr(long brokerDefault) {
        return retentionBytes != null ? retentionBytes : brokerDefault;
    }

    /** The override of {@code segment.bytes}, or {@code brokerDefault} when there is none. */
    public long segmentBytesOr(long brokerDefault) {
        return segmentBytes != null ? segmentBytes : brokerDefault;
    }
}
