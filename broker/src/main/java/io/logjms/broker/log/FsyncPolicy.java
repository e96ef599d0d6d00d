package io.logjms.broker.log;

/** When a partition log forces appended bytes to the storage device. */
public enum FsyncPolicy {
    /**
     * {@link PartitionLog#append} returns only after the batch is on disk. Concurrent appenders share
     * fsyncs (group commit): one fsync covers every batch written before it started.
     */
    EVERY_BATCH,
    /** A background flusher forces the log every {@link LogConfig#fsyncIntervalMs()}. */
    INTERVAL,
    /** The log never forces by itself; the operating system writes pages back when it chooses. */
    OS
}
