package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.cluster.ReplicaStatus;
import io.logjms.broker.log.TopicPartition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaStatusPublishingTest {
    private static final long INTERVAL = 1000;
    private static final TopicPartition TP = new TopicPartition("topic.orders", 0);

    private static ReplicaStatus status(long highWatermark, Integer... inSync) {
        return new ReplicaStatus(TP, 1, 1, highWatermark, highWatermark, List.of(inSync));
    }

    @Test
    void theFirstStatusIsPublished() {
        assertThat(Replica.publishes(status(0, 1), null, 0, INTERVAL)).isTrue();
    }

    @Test
    void aChangedInSyncSetIsPublishedAtOnce() {
        assertThat(Replica.publishes(status(5, 1, 2, 3), status(5, 1, 2), 10, INTERVAL)).isTrue();
    }

    @Test
    void movedOffsetsWaitForTheInterval() {
        assertThat(Replica.publishes(status(6, 1, 2), status(5, 1, 2), INTERVAL - 1, INTERVAL)).isFalse();
        assertThat(Replica.publishes(status(6, 1, 2), status(5, 1, 2), INTERVAL, INTERVAL)).isTrue();
    }

    /** The publication is unconfirmed: an unchanged status goes out again now and then, or a lost one stands. */
    @Test
    void anUnchangedStatusIsPublishedAgainAfterSomeIntervals() {
        long refresh = Replica.REFRESH_INTERVALS * INTERVAL;
        assertThat(Replica.publishes(status(5, 1, 2, 3), status(5, 1, 2, 3), refresh - 1, INTERVAL)).isFalse();
        assertThat(Replica.publishes(status(5, 1, 2, 3), status(5, 1, 2, 3), refresh, INTERVAL)).isTrue();
    }
}
