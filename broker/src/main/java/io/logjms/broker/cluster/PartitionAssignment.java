package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import java.util.List;
import java.util.Objects;

/**
 * What the coordination decided for one partition: its replica set (node ids, the preferred leader first),
 * which of them should lead, and under which leader epoch. The coordination only proposes: the named leader
 * serves once it has won the takeover for {@code leaderEpoch} (see the replication package), and a replica
 * never accepts data from an epoch older than one it has promised.
 *
 * @param partition the partition (its topic is the destination's log name)
 * @param replicas the node ids holding a copy, without repeats
 * @param leader the node id that should lead, or {@link #NO_LEADER}
 * @param leaderEpoch the epoch the leader serves under; grows with every leader change
 */
public record PartitionAssignment(TopicPartition partition, List<Integer> replicas, int leader, int leaderEpoch) {
    /** No replica can lead now (none alive, or no majority reachable). */
    public static final int NO_LEADER = -1;

    public PartitionAssignment {
        Objects.requireNonNull(partition, "partition");
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty() || replicas.stream().distinct().count() != replicas.size()) {
            throw new IllegalArgumentException("replicas of " + partition + " must be distinct and not empty: "
                    + replicas);
        }
        if (leader != NO_LEADER && !replicas.contains(leader)) {
            throw new IllegalArgumentException("leader " + leader + " of " + partition + " is not one of its replicas "
                    + replicas);
        }
        if (leaderEpoch < 0) {
            throw new IllegalArgumentException("leader epoch of " + partition + " must not be negative: "
                    + leaderEpoch);
        }
    }

    public boolean isReplica(int nodeId) {
        return replicas.contains(nodeId);
    }

    public boolean isLeader(int nodeId) {
        return leader == nodeId;
    }

    /** How many replicas make a majority of the replica set. */
    public int majority() {
        return replicas.size() / 2 + 1;
    }
}
