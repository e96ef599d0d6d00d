package io.logjms.broker.log;

/** Life cycle of a {@link PartitionLog}: it starts online and ends closed or offline, never back. */
public enum LogState {
    /** Appends and reads work. */
    ONLINE,
    /** An I/O error stopped the log; calls fail with {@link LogOfflineException}. */
    OFFLINE,
    /** Closed; calls fail with {@link LogClosedException}. */
    CLOSED
}
