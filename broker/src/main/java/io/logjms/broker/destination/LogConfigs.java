package io.logjms.broker.destination;

import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.metadata.DestinationMetadata;

/** Derives the storage engine's settings from the broker configuration and a destination's overrides. */
public final class LogConfigs {
    private LogConfigs() {
    }

    public static LogConfig broker(BrokerConfig config) {
        return LogConfig.builder()
                .segmentBytes((int) Math.min(Integer.MAX_VALUE, config.segmentBytes()))
                .segmentMs(config.segmentMs())
                .indexIntervalBytes(config.indexIntervalBytes())
                .maxBatchBytes(config.maxBatchBytes())
                .retentionMs(config.retentionMs())
                .retentionBytes(config.retentionBytes())
                .fsyncPolicy(fsync(config))
                .fsyncIntervalMs(config.fsyncIntervalMs())
                .build();
    }

    public static LogConfig forDestination(BrokerConfig config, DestinationMetadata meta) {
        return broker(config).toBuilder()
                .segmentBytes((int) Math.min(Integer.MAX_VALUE, meta.segmentBytesOr(config.segmentBytes())))
                .retentionMs(meta.retentionMsOr(config.retentionMs()))
                .retentionBytes(meta.retentionBytesOr(config.retentionBytes()))
                .build();
    }

    public static FsyncPolicy fsync(BrokerConfig config) {
        return switch (config.fsyncPolicy()) {
            case EVERY_BATCH -> FsyncPolicy.EVERY_BATCH;
            case INTERVAL -> FsyncPolicy.INTERVAL;
            case OS -> FsyncPolicy.OS;
        };
    }
}
