package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.LeaderEpochCache;
import io.logjms.broker.log.LeaderEpochCache.EpochEndOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DivergenceTest {
    private static final EpochEndOffset NONE = new EpochEndOffset(LeaderEpochCache.UNDEFINED_EPOCH, -1);

    @Test
    void aFollowerWhoseLastEpochTheLeaderHoldsUpToItsEndMatches() {
        assertThat(Divergence.check(2, 10, new EpochEndOffset(2, 15), 0)).isNull();
        assertThat(Divergence.check(2, 15, new EpochEndOffset(2, 15), 0)).isNull();
        assertThat(Divergence.check(-1, 0, NONE, 0)).as("empty logs").isNull();
    }

    @Test
    void aFollowerWithMoreOfAnEpochThanTheLeaderIsToldWhereTheLeadersEnds() {
        assertThat(Divergence.check(2, 12, new EpochEndOffset(2, 10), 0)).isEqualTo(new EpochEndOffset(2, 10));
    }

    @Test
    void aFollowerWhoseLastEpochTheLeaderNeverHadIsToldTheLargestOlderOne() {
        assertThat(Divergence.check(3, 12, new EpochEndOffset(1, 8), 0)).isEqualTo(new EpochEndOffset(1, 8));
        assertThat(Divergence.check(3, 12, NONE, 0)).isEqualTo(new EpochEndOffset(LeaderEpochCache.UNDEFINED_EPOCH, 0));
    }

    @Test
    void theFollowerTruncatesToTheSmallerOfBothEndsOfTheDivergingEpoch() {
        // follower: epoch 0 from 0, epoch 2 from 5, end 8; leader: epoch 0 to 6, epoch 1 to 7, epoch 3 on
        EpochEndOffset leaderAnswer = Divergence.check(2, 8, new EpochEndOffset(1, 7), 0);
        assertThat(leaderAnswer).isEqualTo(new EpochEndOffset(1, 7));
        long cut = Divergence.truncationOffset(1, 7, new EpochEndOffset(0, 5), 0);
        assertThat(cut).isEqualTo(5);
        assertThat(Divergence.check(0, 5, new EpochEndOffset(0, 6), 0)).as("matches after the cut").isNull();
    }

    @Test
    void aLeaderThatKnowsNoneOfTheFollowersEpochsMakesItDropEverything() {
        assertThat(Divergence.truncationOffset(LeaderEpochCache.UNDEFINED_EPOCH, 0, new EpochEndOffset(4, 9), 3))
                .isEqualTo(3);
    }
}
