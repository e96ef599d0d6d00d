package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state of a subscription spread over the brokers leading its partitions: credit, splitting, detaching. */
class SpreadSubscriptionTest {
    private static final DestinationId ORDERS = DestinationId.topic("orders");
    private final RecordingBrokerConnection a = new RecordingBrokerConnection();
    private final RecordingBrokerConnection b = new RecordingBrokerConnection();
    private final SpreadSubscription spread = new SpreadSubscription(new SubscribeRequest(9, ORDERS,
            SubscriptionKind.DURABLE, "d", null, false, StartPosition.EARLIEST, 0, 1000), 3);

    SpreadSubscriptionTest() {
        spread.attached(1, a, List.of(0, 2), false, Map.of(0, 5L, 2, 7L));
        assertThat(spread.attached(2, b, List.of(1), false, Map.of(1, 6L))).as("the last partition").isTrue();
    }

    private List<Integer> share(int credit) {
        return new ArrayList<>(spread.share(credit).values());
    }

    @Test
    void theFirstAttachmentOfEveryPartitionAnswersTheSubscribeWithAllPositions() {
        assertThat(spread.establish()).isTrue();
        assertThat(spread.established().join().positions()).containsExactly(Map.entry(0, 5L), Map.entry(1, 6L),
                Map.entry(2, 7L));
        assertThat(spread.establish()).as("once").isFalse();
    }

    @Test
    void creditGoesBackToTheBrokersThatDeliveredInProportion() {
        spread.delivered(1, 30);
        spread.delivered(2, 10);
        assertThat(share(40)).containsExactly(30, 10);
        spread.delivered(1, 5);
        assertThat(share(3)).as("never more than a part is owed, in part order").containsExactly(3, 0);
        assertThat(share(2)).containsExactly(2, 0);
    }

    @Test
    void aBrokerThatDeliversNothingGetsNoMoreCredit() {
        spread.delivered(1, 100);
        assertThat(share(100)).containsExactly(100, 0);
    }

    @Test
    void afterAWithdrawalTheNextGrantOpensAWholeWindowOnEveryBrokerAndANewPartStartsWithNone() {
        spread.delivered(2, 10);
        assertThat(spread.creditForNewPart()).isEqualTo(1000);
        spread.withdrawn();
        assertThat(spread.creditForNewPart()).as("while withdrawn").isZero();
        assertThat(share(1000)).containsExactly(1000, 1000);
        assertThat(spread.creditForNewPart()).isEqualTo(1000);
        spread.delivered(2, 4);
        assertThat(share(4)).containsExactly(0, 4);
    }

    @Test
    void acknowledgementsAndReleasesAreSplitByThePartitionsEachBrokerServes() {
        Map<SpreadSubscription.Part, AckRequest> split = spread.split(new AckRequest(9, List.of(new RecordRef(0, 1),
                new RecordRef(1, 7), new RecordRef(2, 3))));
        assertThat(split).hasSize(2);
        assertThat(split.get(spread.partAt(1)).records()).containsExactly(new RecordRef(0, 1), new RecordRef(2, 3));
        assertThat(split.get(spread.partAt(2)).records()).containsExactly(new RecordRef(1, 7));
        Map<SpreadSubscription.Part, ReleaseRequest> releases = spread.split(new ReleaseRequest(9, true,
                List.of(new RecordRef(1, 8))));
        assertThat(releases.get(spread.partAt(2))).isEqualTo(new ReleaseRequest(9, true, List.of(new RecordRef(1, 8))));
    }

    @Test
    void recordsOfADetachedPartitionAreAcknowledgedNowhere() {
        List<Integer> moved = new ArrayList<>();
        SpreadSubscription.Part left = spread.detach(1, List.of(2), 100, moved);
        assertThat(moved).containsExactly(2);
        assertThat(left.partitions()).containsExactly(0);
        assertThat(spread.detached()).containsExactly(2);
        Map<SpreadSubscription.Part, AckRequest> split = spread.split(new AckRequest(9, List.of(new RecordRef(2, 1),
                new RecordRef(0, 4))));
        assertThat(split).containsOnlyKeys(left);
        assertThat(split.get(left).records()).containsExactly(new RecordRef(0, 4));
    }

    @Test
    void aPartThatServesNothingMoreIsGoneAndTheWaitIsCountedFromTheFirstDetachment() {
        List<Integer> moved = new ArrayList<>();
        assertThat(spread.detach(2, List.of(1, 2), 100, moved)).as("the part served only partition 1").isNull();
        assertThat(moved).containsExactly(1);
        assertThat(spread.partAt(2)).isNull();
        assertThat(spread.partOf(1)).isNull();
        spread.detach(1, List.of(0, 2), 300, new ArrayList<>());
        assertThat(spread.detachedForMillis(1000)).isEqualTo(900);
        spread.attached(3, b, List.of(0, 1), false, Map.of());
        assertThat(spread.detachedForMillis(1000)).as("partition 2 still waits").isEqualTo(900);
        assertThat(spread.attached(3, b, List.of(2), false, Map.of())).isTrue();
        assertThat(spread.detachedForMillis(1000)).isEqualTo(-1);
        assertThat(spread.partAt(3).partitions()).containsExactly(0, 1, 2);
    }

    @Test
    void misplacedPartitionsAreThoseWhoseLeaderIsAnotherKnownBroker() {
        int[] leaders = {1, 3, ClusterMetadata.NO_LEADER};
        assertThat(spread.misplaced(p -> leaders[p])).containsExactly(Map.entry(2, List.of(1)));
    }

    @Test
    void aNonDurableSubscriberRemembersWhereItsDetachedPartitionsContinue() {
        spread.detach(1, List.of(0, 2), 0, new ArrayList<>());
        spread.resumeAt(Map.of(0, 41L, 1, 3L));
        assertThat(spread.resumePositions(List.of(0, 2))).as("only detached partitions").containsExactly(
                Map.entry(0, 41L));
        spread.attached(2, b, List.of(0), false, Map.of());
        assertThat(spread.resumePositions(List.of(0))).isEmpty();
    }
}
