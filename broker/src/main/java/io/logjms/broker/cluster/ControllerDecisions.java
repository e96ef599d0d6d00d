package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the controller decides, as pure functions of what it knows (the live brokers with their incarnations,
 * the stored entries, the last replica status): where replicas go and who should lead. It never decides
 * whether data is safe; the replication layer's takeover under the new epoch does.
 */
final class ControllerDecisions {
    private ControllerDecisions() {
    }

    /**
     * The replica sets of a new destination's partitions: {@code replicationFactor} (capped at the live brokers)
     * consecutive live node ids starting at a different broker for each partition, so that leaders (the first
     * replica) spread round-robin; the destination's name picks the first start, so that many destinations
     * with one partition do not all lead on the same broker. Leader epoch 1.
     *
     * @param live node id → incarnation of every live broker, at least one
     */
    static List<AssignmentEntry> place(DestinationMetadata destination, int replicationFactor,
                                       SortedMap<Integer, String> live) {
        if (live.isEmpty()) {
            throw new IllegalArgumentException("no live broker to place " + destination.key() + " on");
        }
        List<Integer> nodes = new ArrayList<>(live.keySet());
        int rf = Math.max(1, Math.min(replicationFactor, nodes.size()));
        int first = Math.floorMod(destination.key().logName().hashCode(), nodes.size());
        List<AssignmentEntry> entries = new ArrayList<>();
        for (int p = 0; p < destination.partitions(); p++) {
            List<Integer> replicas = new ArrayList<>(rf);
            for (int i = 0; i < rf; i++) {
                replicas.add(nodes.get((first + p + i) % nodes.size()));
            }
            TopicPartition tp = new TopicPartition(destination.key().logName(), p);
            int leader = replicas.get(0);
            entries.add(new AssignmentEntry(tp, 1, new PartitionAssignment(tp, replicas, leader, 1), live.get(leader)));
        }
        return entries;
    }

    /** The replication factor a new destination gets: the one asked (or the default), capped at the live brokers. */
    static int replicationFactor(int requested, int defaultFactor, int liveBrokers) {
        int rf = requested > 0 ? requested : defaultFactor;
        return Math.max(1, Math.min(rf, liveBrokers));
    }

    /** As {@link #reconsider(AssignmentEntry, Map, Optional, Optional)} without an epoch claim. */
    static Optional<AssignmentEntry> reconsider(AssignmentEntry entry, Map<Integer, String> live,
                                                Optional<ReplicaStatus> status) {
        return reconsider(entry, live, status, Optional.empty());
    }

    /**
     * The change an assignment needs now, if any: an assignment that a replica's {@link EpochClaim} conflicts with
     * (its epoch was given before, to another leader or further) is replaced by the epoch after the claim's, with
     * the same leader if it is alive; a leader that is gone is replaced (preferring replicas in the last published
     * in-sync set, then any live replica, else {@link PartitionAssignment#NO_LEADER}); a leader that restarted
     * since the assignment was made (another incarnation) gets a new epoch, so that it never resumes an epoch it
     * led before; a partition without a leader gets one as soon as a replica is alive. Every other change takes
     * the next epoch.
     *
     * @param live node id → incarnation of every live broker
     * @param status the last status the partition's leader published, if any
     * @param claim the newest epoch a replica reported it knows, if any
     */
    static Optional<AssignmentEntry> reconsider(AssignmentEntry entry, Map<Integer, String> live,
                                                Optional<ReplicaStatus> status, Optional<EpochClaim> claim) {
        PartitionAssignment a = entry.assignment();
        if (a == null) {
            return Optional.empty();
        }
        if (claim.isPresent() && claim.get().conflictsWith(a)) {
            int leader = a.leader() != PartitionAssignment.NO_LEADER && live.containsKey(a.leader()) ? a.leader()
                    : chooseLeader(a, live, status);
            PartitionAssignment next = new PartitionAssignment(a.partition(), a.replicas(), leader,
                    claim.get().epoch() + 1);
            return Optional.of(entry.next(next, leader == PartitionAssignment.NO_LEADER ? "" : live.get(leader)));
        }
        if (a.leader() != PartitionAssignment.NO_LEADER && live.containsKey(a.leader())) {
            String incarnation = live.get(a.leader());
            if (incarnation.equals(entry.leaderIncarnation())) {
                return Optional.empty();
            }
            return Optional.of(entry.next(withLeader(a, a.leader()), incarnation));
        }
        int leader = chooseLeader(a, live, status);
        if (leader == PartitionAssignment.NO_LEADER && a.leader() == PartitionAssignment.NO_LEADER) {
            return Optional.empty();
        }
        return Optional.of(entry.next(withLeader(a, leader), leader == PartitionAssignment.NO_LEADER ? ""
                : live.get(leader)));
    }

    private static int chooseLeader(PartitionAssignment a, Map<Integer, String> live, Optional<ReplicaStatus> status) {
        List<Integer> inSync = status.map(ReplicaStatus::inSync).orElse(List.of());
        for (int replica : a.replicas()) {
            if (live.containsKey(replica) && inSync.contains(replica)) {
                return replica;
            }
        }
        for (int replica : a.replicas()) {
            if (live.containsKey(replica)) {
                return replica;
            }
        }
        return PartitionAssignment.NO_LEADER;
    }

    private static PartitionAssignment withLeader(PartitionAssignment a, int leader) {
        return new PartitionAssignment(a.partition(), a.replicas(), leader, a.leaderEpoch() + 1);
    }
}
