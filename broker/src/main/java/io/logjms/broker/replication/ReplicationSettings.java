package io.logjms.broker.replication;

/**
 * How the replication fetches and reports.
 *
 * @param fetchMaxBytes about how many bytes of batches one fetch answer carries
 * @param fetchMaxWaitMs how long a leader holds a follower's fetch open waiting for data
 * @param retryBackoffMs the first pause after a failed request (it doubles up to {@code retryBackoffMaxMs})
 * @param retryBackoffMaxMs the longest pause between retries
 * @param inSyncWindowMs how recently a follower must have reached the leader's log end to count as in sync
 * @param statusIntervalMs the shortest time between two published statuses of a partition whose offsets moved
 */
public record ReplicationSettings(int fetchMaxBytes, int fetchMaxWaitMs, long retryBackoffMs, long retryBackoffMaxMs,
                                  long inSyncWindowMs, long statusIntervalMs) {
    public static final ReplicationSettings DEFAULTS = new ReplicationSettings(1 << 20, 500, 50, 1000, 5000, 1000);
}
