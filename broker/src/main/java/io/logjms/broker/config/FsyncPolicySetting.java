package io.logjms.broker.config;

import java.util.Locale;

/** When the broker forces appended log data to disk (configuration key {@code fsync.policy}). */
public enum FsyncPolicySetting {
    /** Every appended batch is forced to disk before it is acknowledged. */
    EVERY_BATCH,
    /** Appended data is forced to disk every {@code fsync.interval.ms} milliseconds. */
    INTERVAL,
    /** The operating system decides when data reaches the disk. */
    OS;

    /** The word used for this policy in a configuration file, e.g. {@code every-batch}. */
    public String configWord() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
