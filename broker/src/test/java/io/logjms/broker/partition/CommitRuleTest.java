package io.logjms.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CommitRuleTest {
    private static final List<Integer> THREE = List.of(1, 2, 3);
    private static final List<Integer> FIVE = List.of(1, 2, 3, 4, 5);

    @Test
    void theHighWatermarkIsTheEndAMajorityHoldsDurable() {
        assertThat(CommitRule.highWatermark(0, 0, 10, THREE, Map.of(1, 10L, 2, 7L, 3, 3L))).isEqualTo(7);
        assertThat(CommitRule.highWatermark(0, 0, 10, THREE, Map.of(1, 10L, 2, 7L))).as("3 unknown").isEqualTo(7);
        assertThat(CommitRule.highWatermark(0, 0, 10, THREE, Map.of(1, 10L))).as("the leader alone").isZero();
    }

    @Test
    void theLeaderCountsLikeAnyReplicaSoTwoFollowersMayCommitWhatItHasNotSyncedYet() {
        assertThat(CommitRule.highWatermark(0, 0, 10, THREE, Map.of(1, 2L, 2, 9L, 3, 8L))).isEqualTo(8);
    }

    @Test
    void neverBeyondTheLeadersLogEndNorBackwards() {
        assertThat(CommitRule.highWatermark(0, 0, 5, THREE, Map.of(1, 5L, 2, 9L, 3, 9L))).isEqualTo(5);
        assertThat(CommitRule.highWatermark(6, 0, 10, THREE, Map.of(1, 10L, 2, 4L, 3, 4L))).isEqualTo(6);
    }

    /**
     * Raft's Figure 8 (see {@link CommitRule}): offset 1 of epoch 2 on S1, S2 and (copied by S1 leading epoch 4)
     * S3 is on a majority, yet it is not committed until S1's own epoch-4 record is: S5 (last epoch 3) could
     * still win epoch 5 and replace it.
     */
    @Test
    void figureEightRecordsOfAnOlderEpochAreNotCommittedByCountingCopies() {
        long epochStart = 2; // S1 took over epoch 4 with offsets 0 (epoch 1) and 1 (epoch 2) in its log
        Map<Integer, Long> olderRecordOnAMajority = Map.of(1, 2L, 2, 2L, 3, 2L, 4, 1L, 5, 1L);

        assertThat(CommitRule.highWatermark(1, epochStart, 2, FIVE, olderRecordOnAMajority))
                .as("offset 1 (epoch 2) stays uncommitted").isEqualTo(1);

        Map<Integer, Long> ownMarkerOnAMajority = Map.of(1, 3L, 2, 3L, 3, 3L, 4, 1L, 5, 1L);
        assertThat(CommitRule.highWatermark(1, epochStart, 3, FIVE, ownMarkerOnAMajority))
                .as("its own record commits everything before it").isEqualTo(3);
    }

    @Test
    void majorityEndOfAnEvenReplicaSetNeedsMoreThanHalf() {
        assertThat(CommitRule.majorityEnd(List.of(1, 2, 3, 4), Map.of(1, 9L, 2, 8L, 3, 2L, 4, 1L))).isEqualTo(2);
    }
}
