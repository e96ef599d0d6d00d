package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;

/**
 * What a replica reports when it cannot follow an assignment because it already knows its epoch, or a newer one,
 * from elsewhere: it has promised that epoch to another candidate, or has seen a newer one. The controller's view
 * of the assignments can be older than what the replicas hold (after a whole-cluster restart the brokers that come
 * back first may only have older copies of the metadata, and the controller may hand out an epoch that was given
 * before); the replicas never accept such an assignment, and without this report nobody would ever give them a
 * newer one. The controller answers a claim that conflicts with the current assignment with the epoch after it.
 *
 * @param partition the partition
 * @param epoch the epoch a replica knows
 * @param candidate the node that epoch was promised to; {@link #ANY} when the replica only saw the epoch (then
 *        only an older assignment conflicts), {@link #CONTESTED} when replicas promised it to different nodes
 */
public record EpochClaim(TopicPartition partition, int epoch, int candidate) {
    public static final int ANY = -1;
    public static final int CONTESTED = -2;

    /** Whether an assignment under which this claim was made cannot be served. */
    public boolean conflictsWith(PartitionAssignment a) {
        return a.leaderEpoch() < epoch
                || (a.leaderEpoch() == epoch && candidate != ANY && candidate != a.leader());
    }

    /** The claim that holds both: the newer epoch; for the same epoch, the more restrictive. */
    public EpochClaim merge(EpochClaim other) {
        if (other.epoch != epoch) {
            return other.epoch > epoch ? other : this;
        }
        if (other.candidate == candidate || other.candidate == ANY) {
            return this;
        }
        if (candidate == ANY) {
            return other;
        }
        return new EpochClaim(partition, epoch, CONTESTED);
    }
}
