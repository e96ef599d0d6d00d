package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import java.util.Objects;

/**
 * A partition's assignment as the cluster stores it: the assignment, a version that grows with every change,
 * and the incarnation (cluster member id) of the leader it was made for, so that a leader that restarts is
 * given a new epoch rather than resuming one it led before. A tombstone (assignment null) stays after its
 * destination is deleted.
 *
 * @param partition the partition
 * @param version grows by one with every change of this partition's assignment
 * @param assignment the assignment, null when the destination was deleted
 * @param leaderIncarnation the member id of the leader this assignment was made for; empty when none
 */
record AssignmentEntry(TopicPartition partition, long version, PartitionAssignment assignment,
                              String leaderIncarnation) {
    public AssignmentEntry {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(leaderIncarnation, "leaderIncarnation");
        if (version < 1) {
            throw new IllegalArgumentException("version of " + partition + " must be at least 1: " + version);
        }
        if (assignment != null && !assignment.partition().equals(partition)) {
            throw new IllegalArgumentException("assignment of " + assignment.partition() + " stored under " + partition);
        }
    }

    public boolean deleted() {
        return assignment == null;
    }

    /** The next version of this partition holding {@code newAssignment} (null: a tombstone). */
    public AssignmentEntry next(PartitionAssignment newAssignment, String newLeaderIncarnation) {
        return new AssignmentEntry(partition, version + 1, newAssignment, newLeaderIncarnation);
    }
}
