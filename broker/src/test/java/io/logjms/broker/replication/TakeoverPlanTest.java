package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.replication.TakeoverPlan.Position;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TakeoverPlanTest {
    @Test
    void nothingIsDecidedBeforeAMajorityIncludingTheCandidatePromised() {
        assertThat(TakeoverPlan.source(1, 2, Map.of(1, new Position(1, 5)))).isEmpty();
        assertThat(TakeoverPlan.source(1, 2, Map.of(2, new Position(1, 5), 3, new Position(1, 5)))).isEmpty();
    }

    @Test
    void theLaterLastEpochWinsOverALongerLog() {
        assertThat(TakeoverPlan.source(1, 2, Map.of(1, new Position(1, 50), 2, new Position(2, 10)))).hasValue(2);
    }

    @Test
    void withTheSameLastEpochTheLongerLogWinsAndTiesStayWithTheCandidate() {
        assertThat(TakeoverPlan.source(1, 2, Map.of(1, new Position(2, 10), 3, new Position(2, 12)))).hasValue(3);
        assertThat(TakeoverPlan.source(1, 2, Map.of(1, new Position(2, 12), 3, new Position(2, 12)))).hasValue(1);
        assertThat(TakeoverPlan.source(1, 3, Map.of(1, new Position(1, 1), 4, new Position(2, 12),
                3, new Position(2, 12)))).as("the lower node id among equals").hasValue(3);
    }
}
