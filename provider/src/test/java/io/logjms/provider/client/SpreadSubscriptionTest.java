package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpreadSubscriptionTest {
    private final RecordingBrokerConnection a = new RecordingBrokerConnection();
    private final RecordingBrokerConnection b = new RecordingBrokerConnection();
    private final SpreadSubscription spread = new SpreadSubscription(9, 1000, List.of(
            new SpreadSubscription.Part(1, a, List.of(0, 2)), new SpreadSubscription.Part(2, b, List.of(1))));

    @Test
    void creditGoesBackToTheBrokersThatDeliveredInProportion() {
        spread.delivered(0, 30, 30);
        spread.delivered(1, 10, 10);
        assertThat(spread.share(40)).containsExactly(30, 10);
        spread.delivered(2, 5, 5);
        assertThat(spread.share(3)).as("never more than a part is owed, in part order").containsExactly(3, 0);
        assertThat(spread.share(2)).containsExactly(2, 0);
    }

    @Test
    void aBrokerThatDeliversNothingGetsNoMoreCredit() {
        spread.delivered(0, 100, 100);
        assertThat(spread.share(100)).containsExactly(100, 0);
    }

    @Test
    void afterAWithdrawalTheNextGrantOpensAWholeWindowOnEveryBroker() {
        spread.delivered(1, 10, 10);
        spread.withdrawn();
        assertThat(spread.share(1000)).containsExactly(1000, 1000);
        spread.delivered(1, 4, 14);
        assertThat(spread.share(4)).containsExactly(0, 4);
    }

    @Test
    void acknowledgementsAreSplitByThePartitionsEachBrokerServes() {
        Map<SpreadSubscription.Part, AckRequest> split = spread.split(new AckRequest(9, List.of(new RecordRef(0, 1),
                new RecordRef(1, 7), new RecordRef(2, 3))));
        assertThat(split).hasSize(2);
        assertThat(split.get(spread.parts().get(0)).records()).containsExactly(new RecordRef(0, 1), new RecordRef(2, 3));
        assertThat(split.get(spread.parts().get(1)).records()).containsExactly(new RecordRef(1, 7));
    }

    @Test
    void aPartResumesRightAfterTheLastRecordItDelivered() {
        spread.delivered(0, 3, 13);
        spread.delivered(2, 1, 5);
        assertThat(spread.resumePositions(List.of(0, 2))).containsEntry(0, 13L).containsEntry(2, 5L);
        assertThat(spread.resumePositions(List.of(1))).as("nothing delivered yet: from its state").isNull();
    }
}
