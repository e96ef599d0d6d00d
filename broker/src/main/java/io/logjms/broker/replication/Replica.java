package io.logjms.broker.replication;

import io.logjms.broker.cluster.ReplicaStatus;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.threads.BlockingCalls;
import io.logjms.protocol.api.EpochPromiseResponse;

/**
 * This broker's copy of one replicated partition as the replication sees it: the {@link Partition}, its
 * durable epoch promise, who is caught up (when leading), and the fetch loop or takeover running for it.
 */
final class Replica {
    private final Partition partition;
    private final InSyncTracker inSync;
    /** What runs for the partition now: a follower's fetch loop or a takeover; guarded by this. */
    private AutoCloseable activity;
    private long activityEpoch = -1;
    private ReplicaStatus lastStatus;
    private long lastStatusAt;

    Replica(Partition partition, long inSyncWindowMs) {
        this.partition = partition;
        this.inSync = new InSyncTracker(inSyncWindowMs);
        EpochPromiseStore.read(partition.log().directory())
                .ifPresent(p -> partition.restorePromise(p.epoch(), p.candidate()));
    }

    Partition partition() {
        return partition;
    }

    InSyncTracker inSync() {
        return inSync;
    }

    /**
     * Promises {@code epoch} to {@code candidate}: checked, stored durably, then taken (which deposes a leader
     * of an older epoch), and answered with where this copy stands.
     */
    synchronized EpochPromiseResponse promise(int epoch, int candidate) {
        assert BlockingCalls.allowed("storing an epoch promise");
        partition.checkPromise(epoch, candidate);
        if (partition.promisedEpoch() != epoch) {
            EpochPromiseStore.write(partition.log().directory(), new EpochPromiseStore.Promise(epoch, candidate));
        }
        partition.promise(epoch, candidate);
        return new EpochPromiseResponse(partition.promisedEpoch(), partition.log().latestEpoch(),
                partition.logEndOffset(), partition.replicaDurableEnd());
    }

    /** Replaces what runs for the partition (closing the previous activity). */
    synchronized void run(AutoCloseable next, int epoch) {
        stopActivity();
        activity = next;
        activityEpoch = epoch;
    }

    /** Whether {@code activity} of {@code epoch} is what runs now (so a restart of the same is skipped). */
    synchronized boolean runs(Class<?> kind, int epoch) {
        return activity != null && kind.isInstance(activity) && activityEpoch == epoch;
    }

    synchronized void stopActivity() {
        if (activity != null) {
            try {
                activity.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            activity = null;
            activityEpoch = -1;
        }
    }

    /**
     * Whether {@code status} should be published now: its leader, epoch or in-sync set changed; or its offsets did
     * and the last one is {@code intervalMs} old; or nothing did for {@code REFRESH_INTERVALS} intervals. The last
     * case mends a status the cluster lost: the publication is asynchronous and unconfirmed, and the brokers reread
     * the statuses from the cluster every second, so a lost update of an idle partition used to stand for good (a
     * replica back in sync was listed out of sync for as long as no record came).
     */
    synchronized boolean shouldPublish(ReplicaStatus status, long nowMs, long intervalMs) {
        if (!publishes(status, lastStatus, nowMs - lastStatusAt, intervalMs)) {
            return false;
        }
        lastStatus = status;
        lastStatusAt = nowMs;
        return true;
    }

    static final int REFRESH_INTERVALS = 5;

    static boolean publishes(ReplicaStatus status, ReplicaStatus last, long sinceLastMs, long intervalMs) {
        if (last == null || sinceLastMs >= REFRESH_INTERVALS * intervalMs) {
            return true;
        }
        return !status.equals(last) && (sinceLastMs >= intervalMs || !sameShape(status, last));
    }

    /** Leader, epoch and in-sync set: a change of these is published at once, offsets at most once a second. */
    private static boolean sameShape(ReplicaStatus a, ReplicaStatus b) {
        return a.leader() == b.leader() && a.leaderEpoch() == b.leaderEpoch() && a.inSync().equals(b.inSync());
    }
}
