package io.logjms.provider.ack;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckBookkeepingTest {

    @Test
    void consumedRecordsAreTakenWholeAsAcksOrReleasesPerSubscriptionInOrder() {
        ConsumedRecords consumed = new ConsumedRecords();
        consumed.add(1, new RecordRef(0, 5));
        consumed.add(2, new RecordRef(3, 9));
        consumed.add(1, new RecordRef(1, 2));
        assertThat(consumed.contains(1)).isTrue();
        assertThat(consumed.drainAsAcks()).containsExactly(
                new AckRequest(1, List.of(new RecordRef(0, 5), new RecordRef(1, 2))),
                new AckRequest(2, List.of(new RecordRef(3, 9))));
        assertThat(consumed.isEmpty()).isTrue();
        assertThat(consumed.contains(1)).isFalse();
        consumed.add(4, new RecordRef(0, 1));
        assertThat(consumed.drainAsReleases(true)).containsExactly(
                new ReleaseRequest(4, true, List.of(new RecordRef(0, 1))));
        assertThat(consumed.drainAsReleases(true)).isEmpty();
    }

    @Test
    void theBatcherAsksForAFlushAtItsThreshold() {
        AckBatcher batcher = new AckBatcher(3);
        assertThat(batcher.add(1, new RecordRef(0, 1))).isFalse();
        assertThat(batcher.add(2, new RecordRef(0, 1))).isFalse();
        assertThat(batcher.add(1, new RecordRef(0, 2))).isTrue();
        assertThat(batcher.drain()).containsExactly(
                new AckRequest(1, List.of(new RecordRef(0, 1), new RecordRef(0, 2))),
                new AckRequest(2, List.of(new RecordRef(0, 1))));
        assertThat(batcher.isEmpty()).isTrue();
        assertThat(batcher.add(1, new RecordRef(0, 3))).isFalse();
    }
}
