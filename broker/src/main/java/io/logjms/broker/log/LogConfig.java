package io.logjms.broker.log;

import io.logjms.protocol.record.RecordBatchLayout;
import java.util.Objects;

/**
 * Settings of one partition log. Immutable; every value is checked when the config is built, and a
 * value out of range fails with an {@link InvalidLogConfigException} naming the setting.
 *
 * @param segmentBytes       roll to a new segment when the next batch would make the active one larger
 *                           than this (a single larger batch still gets a segment of its own)
 * @param segmentMs          roll when the active segment's first batch was appended this long ago
 * @param indexIntervalBytes add an offset index entry after at least this many bytes of batches
 * @param maxBatchBytes      largest batch {@link PartitionLog#append} accepts
 * @param retentionMs        delete a closed segment whose largest timestamp is older than now minus
 *                           this; -1 keeps segments forever
 * @param retentionBytes     delete the oldest closed segments while the partition is larger than this;
 *                           -1 for no limit
 * @param fsyncPolicy        when appended bytes are forced to disk
 * @param fsyncIntervalMs    period of the background flusher under {@link FsyncPolicy#INTERVAL}
 * @param fileDeleteDelayMs  how long the files of a segment removed by retention stay open (renamed
 *                           {@code .deleted}) so that readers holding a {@link FetchData} can finish
 */
public record LogConfig(int segmentBytes, long segmentMs, int indexIntervalBytes, int maxBatchBytes,
                        long retentionMs, long retentionBytes, FsyncPolicy fsyncPolicy, long fsyncIntervalMs,
                        long fileDeleteDelayMs) {

    public static final int DEFAULT_SEGMENT_BYTES = 128 * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    /** One MiB of messages plus room for the batch header, record framing and JMS headers. */
    public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024 + 16 * 1024;
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final long DEFAULT_RETENTION_BYTES = -1;
    public static final FsyncPolicy DEFAULT_FSYNC_POLICY = FsyncPolicy.EVERY_BATCH;
    public static final long DEFAULT_FSYNC_INTERVAL_MS = 1000;
    public static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000;

    /** Value of {@link #retentionMs} and {@link #retentionBytes} that turns that limit off. */
    public static final long UNLIMITED = -1;

    public LogConfig {
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        if (segmentBytes < RecordBatchLayout.HEADER_SIZE) {
            throw new InvalidLogConfigException("segmentBytes must be at least " + RecordBatchLayout.HEADER_SIZE
                    + " (one batch header), got " + segmentBytes);
        }
        requirePositive("segmentMs", segmentMs);
        if (indexIntervalBytes < 0) {
            throw new InvalidLogConfigException("indexIntervalBytes must not be negative, got " + indexIntervalBytes);
        }
        if (maxBatchBytes < RecordBatchLayout.HEADER_SIZE) {
            throw new InvalidLogConfigException("maxBatchBytes must be at least " + RecordBatchLayout.HEADER_SIZE
                    + " (one batch header), got " + maxBatchBytes);
        }
        requireLimitOrUnlimited("retentionMs", retentionMs);
        requireLimitOrUnlimited("retentionBytes", retentionBytes);
        requirePositive("fsyncIntervalMs", fsyncIntervalMs);
        if (fileDeleteDelayMs < 0) {
            throw new InvalidLogConfigException("fileDeleteDelayMs must not be negative, got " + fileDeleteDelayMs);
        }
    }

    /** The documented defaults. */
    public static LogConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder().segmentBytes(segmentBytes).segmentMs(segmentMs).indexIntervalBytes(indexIntervalBytes)
                .maxBatchBytes(maxBatchBytes).retentionMs(retentionMs).retentionBytes(retentionBytes)
                .fsyncPolicy(fsyncPolicy).fsyncIntervalMs(fsyncIntervalMs).fileDeleteDelayMs(fileDeleteDelayMs);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new InvalidLogConfigException(name + " must be positive, got " + value);
        }
    }

    private static void requireLimitOrUnlimited(String name, long value) {
        if (value < 0 && value != UNLIMITED) {
            throw new InvalidLogConfigException(name + " must be -1 (unlimited) or not negative, got " + value);
        }
    }

    /** Builds a {@link LogConfig}; unset values take the defaults. */
    public static final class Builder {
        private int segmentBytes = DEFAULT_SEGMENT_BYTES;
        private long segmentMs = DEFAULT_SEGMENT_MS;
        private int indexIntervalBytes = DEFAULT_INDEX_INTERVAL_BYTES;
        private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private long retentionMs = DEFAULT_RETENTION_MS;
        private long retentionBytes = DEFAULT_RETENTION_BYTES;
        private FsyncPolicy fsyncPolicy = DEFAULT_FSYNC_POLICY;
        private long fsyncIntervalMs = DEFAULT_FSYNC_INTERVAL_MS;
        private long fileDeleteDelayMs = DEFAULT_FILE_DELETE_DELAY_MS;

        private Builder() {
        }

        public Builder segmentBytes(int segmentBytes) {
            this.segmentBytes = segmentBytes;
            return this;
        }

        public Builder segmentMs(long segmentMs) {
            this.segmentMs = segmentMs;
            return this;
        }

        public Builder indexIntervalBytes(int indexIntervalBytes) {
            this.indexIntervalBytes = indexIntervalBytes;
            return this;
        }

        public Builder maxBatchBytes(int maxBatchBytes) {
            this.maxBatchBytes = maxBatchBytes;
            return this;
        }

        public Builder retentionMs(long retentionMs) {
            this.retentionMs = retentionMs;
            return this;
        }

        public Builder retentionBytes(long retentionBytes) {
            this.retentionBytes = retentionBytes;
            return this;
        }

        public Builder fsyncPolicy(FsyncPolicy fsyncPolicy) {
            this.fsyncPolicy = fsyncPolicy;
            return this;
        }

        public Builder fsyncIntervalMs(long fsyncIntervalMs) {
            this.fsyncIntervalMs = fsyncIntervalMs;
            return this;
        }

        public Builder fileDeleteDelayMs(long fileDeleteDelayMs) {
            this.fileDeleteDelayMs = fileDeleteDelayMs;
            return this;
        }

        public LogConfig build() {
            return new LogConfig(segmentBytes, segmentMs, indexIntervalBytes, maxBatchBytes, retentionMs,
                    retentionBytes, fsyncPolicy, fsyncIntervalMs, fileDeleteDelayMs);
        }
    }
}
