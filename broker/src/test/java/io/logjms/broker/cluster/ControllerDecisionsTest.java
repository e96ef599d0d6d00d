package io.logjms.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Placement and leader choice, as the controller decides them. */
class ControllerDecisionsTest {
    private static final TopicPartition TP = new TopicPartition("topic.orders", 0);

    private static SortedMap<Integer, String> live(Object... nodeThenIncarnation) {
        SortedMap<Integer, String> m = new TreeMap<>();
        for (int i = 0; i < nodeThenIncarnation.length; i += 2) {
            m.put((Integer) nodeThenIncarnation[i], (String) nodeThenIncarnation[i + 1]);
        }
        return m;
    }

    private static AssignmentEntry entry(List<Integer> replicas, int leader, int epoch, String incarnation) {
        return new AssignmentEntry(TP, 5, new PartitionAssignment(TP, replicas, leader, epoch), incarnation);
    }

    @Test
    void placementSpreadsLeadersRoundRobinWithConsecutiveReplicasAtEpochOne() {
        DestinationMetadata orders = DestinationMetadata.of(DestinationKey.topic("orders"), 6);

        List<AssignmentEntry> placed = ControllerDecisions.place(orders, 2, live(1, "a", 2, "b", 5, "e"));

        assertThat(placed).hasSize(6).allSatisfy(e -> {
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.assignment().leaderEpoch()).isEqualTo(1);
            assertThat(e.assignment().leader()).isEqualTo(e.assignment().replicas().get(0));
            assertThat(e.assignment().replicas()).hasSize(2);
        });
        List<Integer> leaders = placed.stream().map(e -> e.assignment().leader()).toList();
        assertThat(leaders.subList(0, 3)).containsExactlyInAnyOrder(1, 2, 5);
        assertThat(leaders.subList(3, 6)).isEqualTo(leaders.subList(0, 3));
        AssignmentEntry first = placed.get(0);
        assertThat(first.leaderIncarnation()).isEqualTo(Map.of(1, "a", 2, "b", 5, "e").get(first.assignment().leader()));
    }

    @Test
    void theReplicationFactorIsCappedAtTheLiveBrokers() {
        assertThat(ControllerDecisions.replicationFactor(5, 3, 2)).isEqualTo(2);
        assertThat(ControllerDecisions.replicationFactor(0, 3, 5)).as("default").isEqualTo(3);
        assertThat(ControllerDecisions.replicationFactor(-1, 3, 1)).isEqualTo(1);
        DestinationMetadata one = DestinationMetadata.of(DestinationKey.queue("jobs"), 1);
        assertThat(ControllerDecisions.place(one, 3, live(7, "x")).get(0).assignment().replicas()).containsExactly(7);
    }

    @Test
    void aLiveLeaderOfTheSameIncarnationKeepsItsEpoch() {
        AssignmentEntry e = entry(List.of(1, 2, 3), 1, 4, "a");

        assertThat(ControllerDecisions.reconsider(e, live(1, "a", 2, "b", 3, "c"), Optional.empty())).isEmpty();
    }

    @Test
    void aLostLeaderIsReplacedByAnInSyncReplicaUnderTheNextEpoch() {
        AssignmentEntry e = entry(List.of(1, 2, 3), 1, 4, "a");
        ReplicaStatus status = new ReplicaStatus(TP, 1, 4, 10, 12, List.of(1, 3));

        AssignmentEntry next = ControllerDecisions.reconsider(e, live(2, "b", 3, "c"), Optional.of(status)).orElseThrow();

        assertThat(next.assignment()).isEqualTo(new PartitionAssignment(TP, List.of(1, 2, 3), 3, 5));
        assertThat(next.version()).isEqualTo(6);
        assertThat(next.leaderIncarnation()).isEqualTo("c");
    }

    @Test
    void withoutAnInSyncReplicaAliveAnyLiveReplicaLeadsInReplicaOrder() {
        AssignmentEntry e = entry(List.of(1, 2, 3), 1, 4, "a");
        ReplicaStatus status = new ReplicaStatus(TP, 1, 4, 10, 12, List.of(1));

        assertThat(ControllerDecisions.reconsider(e, live(3, "c", 2, "b"), Optional.of(status)).orElseThrow()
                .assignment().leader()).isEqualTo(2);
    }

    @Test
    void noLiveReplicaMeansNoLeaderUnderANewEpochThenTheFirstToReturnLeads() {
        AssignmentEntry e = entry(List.of(1, 2), 1, 4, "a");

        AssignmentEntry none = ControllerDecisions.reconsider(e, live(9, "z"), Optional.empty()).orElseThrow();

        assertThat(none.assignment().leader()).isEqualTo(PartitionAssignment.NO_LEADER);
        assertThat(none.assignment().leaderEpoch()).isEqualTo(5);
        assertThat(none.leaderIncarnation()).isEmpty();
        assertThat(ControllerDecisions.reconsider(none, live(9, "z"), Optional.empty())).as("still none").isEmpty();
        AssignmentEntry back = ControllerDecisions.reconsider(none, live(2, "b2", 9, "z"), Optional.empty()).orElseThrow();
        assertThat(back.assignment().leader()).isEqualTo(2);
        assertThat(back.assignment().leaderEpoch()).isEqualTo(6);
    }

    @Test
    void aRestartedLeaderNeverResumesItsEpoch() {
        AssignmentEntry e = entry(List.of(1, 2, 3), 1, 4, "a-before-restart");

        AssignmentEntry next = ControllerDecisions.reconsider(e, live(1, "a-after-restart", 2, "b"), Optional.empty())
                .orElseThrow();

        assertThat(next.assignment().leader()).isEqualTo(1);
        assertThat(next.assignment().leaderEpoch()).isEqualTo(5);
        assertThat(next.leaderIncarnation()).isEqualTo("a-after-restart");
    }

    @Test
    void aTombstoneNeedsNoDecision() {
        AssignmentEntry tombstone = new AssignmentEntry(TP, 3, null, "");

        assertThat(ControllerDecisions.reconsider(tombstone, live(1, "a"), Optional.empty())).isEmpty();
    }

    @Test
    void anEpochGivenBeforeToAnotherLeaderIsReplacedByTheEpochAfterTheClaim() {
        // after a whole-cluster restart the controller only had an old copy: it gave epoch 2 to node 1 again, while
        // the replicas had promised epoch 2 to node 3
        AssignmentEntry stale = entry(List.of(1, 2, 3), 1, 2, "a");
        EpochClaim promisedElsewhere = new EpochClaim(TP, 2, 3);

        AssignmentEntry next = ControllerDecisions.reconsider(stale, live(1, "a", 2, "b", 3, "c"), Optional.empty(),
                Optional.of(promisedElsewhere)).orElseThrow();

        assertThat(next.version()).isEqualTo(stale.version() + 1);
        assertThat(next.assignment().leader()).as("the same live leader").isEqualTo(1);
        assertThat(next.assignment().leaderEpoch()).isEqualTo(3);
        assertThat(next.leaderIncarnation()).isEqualTo("a");
    }

    @Test
    void aClaimOfANewerEpochMovesPastItAndPicksALiveLeaderIfTheOldOneIsGone() {
        AssignmentEntry stale = entry(List.of(1, 2, 3), 1, 4, "a");

        AssignmentEntry next = ControllerDecisions.reconsider(stale, live(2, "b", 3, "c"), Optional.empty(),
                Optional.of(new EpochClaim(TP, 7, EpochClaim.ANY))).orElseThrow();

        assertThat(next.assignment().leaderEpoch()).isEqualTo(8);
        assertThat(next.assignment().leader()).isIn(2, 3);
    }

    @Test
    void aClaimTheAssignmentAllowsForChangesNothing() {
        AssignmentEntry current = entry(List.of(1, 2, 3), 3, 5, "c");
        Map<Integer, String> live = live(1, "a", 2, "b", 3, "c");

        assertThat(ControllerDecisions.reconsider(current, live, Optional.empty(),
                Optional.of(new EpochClaim(TP, 5, 3)))).as("promised to this very leader").isEmpty();
        assertThat(ControllerDecisions.reconsider(current, live, Optional.empty(),
                Optional.of(new EpochClaim(TP, 5, EpochClaim.ANY)))).as("seen, not newer").isEmpty();
        assertThat(ControllerDecisions.reconsider(current, live, Optional.empty(),
                Optional.of(new EpochClaim(TP, 4, 1)))).as("an older epoch").isEmpty();
    }

    @Test
    void claimsMergeToTheNewestEpochAndTheMostRestrictiveCandidate() {
        EpochClaim seen = new EpochClaim(TP, 5, EpochClaim.ANY);
        EpochClaim toThree = new EpochClaim(TP, 5, 3);
        EpochClaim toOne = new EpochClaim(TP, 5, 1);

        assertThat(seen.merge(toThree)).isEqualTo(toThree);
        assertThat(toThree.merge(seen)).isEqualTo(toThree);
        assertThat(toThree.merge(toOne).candidate()).isEqualTo(EpochClaim.CONTESTED);
        assertThat(toThree.merge(new EpochClaim(TP, 6, EpochClaim.ANY)).epoch()).isEqualTo(6);
        assertThat(new EpochClaim(TP, 5, EpochClaim.CONTESTED)
                .conflictsWith(new PartitionAssignment(TP, List.of(1, 3), 3, 5))).isTrue();
    }

    @Test
    void aClaimSurvivesTheCodec() {
        EpochClaim claim = new EpochClaim(TP, 9, EpochClaim.CONTESTED);

        assertThat(ClusterCodec.claim(ClusterCodec.claim(claim))).isEqualTo(claim);
    }
}
