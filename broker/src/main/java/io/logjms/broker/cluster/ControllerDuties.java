package io.logjms.broker.cluster;

import com.hazelcast.map.IMap;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.InvalidMetadataException;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of the controller's work over what this broker has seen: place the replicas of destinations whose
 * partitions have none, tombstone the assignments of deleted destinations, and propose new leaders (or new
 * epochs) where {@link ControllerDecisions#reconsider} says so. Every write is a compare-and-set against the
 * entry this broker saw; a lost race is left to the next round, which sees the winner.
 */
final class ControllerDuties {
    private static final Logger log = LoggerFactory.getLogger(ControllerDuties.class);

    private final IMap<String, byte[]> destinations;
    private final IMap<String, byte[]> assignments;
    private final ClusterMetadata metadata;
    private final Function<TopicPartition, Optional<ReplicaStatus>> status;
    private final Function<TopicPartition, Optional<EpochClaim>> claims;

    ControllerDuties(IMap<String, byte[]> destinations, IMap<String, byte[]> assignments, ClusterMetadata metadata,
                     Function<TopicPartition, Optional<ReplicaStatus>> status,
                     Function<TopicPartition, Optional<EpochClaim>> claims) {
        this.destinations = destinations;
        this.assignments = assignments;
        this.metadata = metadata;
        this.status = status;
        this.claims = claims;
    }

    /**
     * @param live node id → incarnation of every live broker
     * @param majority how many live brokers make a majority of the configured ones; with fewer, nothing is done
     *        (Hazelcast's own split-brain protection notices a lost member a little later than membership does)
     */
    void run(SortedMap<Integer, String> live, int majority) {
        if (live.size() < majority) {
            return;
        }
        for (DestinationEntry d : metadata.destinations()) {
            if (!d.deleted()) {
                placeMissing(d, live);
            }
        }
        for (AssignmentEntry a : metadata.assignments()) {
            if (a.deleted()) {
                continue;
            }
            if (destinationDropped(a.partition())) {
                cas(a, a.next(null, ""), "its destination is gone");
                continue;
            }
            Optional<EpochClaim> claim = claims.apply(a.partition());
            ControllerDecisions.reconsider(a, live, status.apply(a.partition()), claim)
                    .ifPresent(next -> cas(a, next, reason(a, next, claim)));
        }
    }

    private void placeMissing(DestinationEntry d, SortedMap<Integer, String> live) {
        List<AssignmentEntry> placed = null;
        for (int p = 0; p < d.metadata().partitions(); p++) {
            TopicPartition tp = new TopicPartition(d.key().logName(), p);
            Optional<AssignmentEntry> current = metadata.assignment(tp);
            if (current.isPresent() && !current.get().deleted()) {
                continue;
            }
            if (placed == null) {
                placed = ControllerDecisions.place(d.metadata(), d.replicationFactor(), live);
            }
            AssignmentEntry fresh = placed.get(p);
            if (current.isEmpty()) {
                if (assignments.putIfAbsent(ClusterCodec.key(tp), ClusterCodec.assignment(fresh)) == null) {
                    metadata.take(fresh);
                    log.info("placed {}: replicas {}, leader {}", tp, fresh.assignment().replicas(),
                            fresh.assignment().leader());
                }
            } else {
                AssignmentEntry tombstone = current.get();
                cas(tombstone, tombstone.next(fresh.assignment(), fresh.leaderIncarnation()), "placed again");
            }
        }
    }

    /**
     * Whether the partition's destination is deleted or has fewer partitions. A destination not seen at all
     * does not count: while brokers contribute their copies after a restart, an assignment may arrive before its
     * destination, and it must not be dropped for that.
     */
    private boolean destinationDropped(TopicPartition tp) {
        DestinationKey key;
        try {
            key = DestinationKey.fromLogName(tp.topic());
        } catch (InvalidMetadataException e) {
            return false;
        }
        return metadata.destination(key).map(d -> d.deleted() || tp.partition() >= d.metadata().partitions())
                .orElse(false);
    }

    private void cas(AssignmentEntry current, AssignmentEntry next, String why) {
        if (assignments.replace(ClusterCodec.key(current.partition()), ClusterCodec.assignment(current),
                ClusterCodec.assignment(next))) {
            metadata.take(next);
            log.info("{}: {} (version {})", current.partition(), why, next.version());
        }
    }

    private static String reason(AssignmentEntry from, AssignmentEntry to, Optional<EpochClaim> claim) {
        PartitionAssignment a = from.assignment();
        PartitionAssignment b = to.assignment();
        if (claim.isPresent() && claim.get().conflictsWith(a)) {
            return "epoch " + a.leaderEpoch() + " was given before (a replica knows epoch " + claim.get().epoch()
                    + "): leader " + (b.leader() == PartitionAssignment.NO_LEADER ? "none" : b.leader()) + ", epoch "
                    + b.leaderEpoch();
        }
        if (a.leader() == b.leader()) {
            return "leader " + b.leader() + " restarted: epoch " + b.leaderEpoch();
        }
        return "leader " + (a.leader() == PartitionAssignment.NO_LEADER ? "none" : a.leader()) + " -> "
                + (b.leader() == PartitionAssignment.NO_LEADER ? "none" : b.leader()) + ", epoch " + b.leaderEpoch();
    }
}
