package io.logjms.provider.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.api.DeliveredRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefetchBufferTest {
    private final PrefetchBuffer buffer = new PrefetchBuffer();

    @Test
    void takesInArrivalOrderAndPushBackGoesFirst() throws Exception {
        buffer.addAll(List.of(delivery(1), delivery(2)));
        Delivery first = buffer.take(Long.MAX_VALUE, () -> true, () -> false);
        assertThat(first.record().offset()).isEqualTo(1);
        buffer.pushBack(first);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.poll().record().offset()).isEqualTo(1);
        assertThat(buffer.drain()).extracting(d -> d.record().offset()).containsExactly(2L);
        assertThat(buffer.poll()).isNull();
    }

    @Test
    void aTakeThatMayNotTakeReturnsNullAtTheDeadlineAndAStoppedTakeAtOnce() throws Exception {
        buffer.addAll(List.of(delivery(1)));
        assertThat(buffer.take(System.nanoTime(), () -> false, () -> false)).isNull();
        assertThat(buffer.take(Long.MAX_VALUE, () -> true, () -> true)).isNull();
        assertThat(buffer.size()).isEqualTo(1);
    }

    @Test
    void anEmptyBufferWaitsUntilTheDeadline() throws Exception {
        long deadline = System.nanoTime() + 5_000_000;
        assertThat(buffer.take(deadline, () -> true, () -> false)).isNull();
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
    }

    static Delivery delivery(long offset) {
        return new Delivery(1, 0, new DeliveredRecord(offset, 0, 1, null, null, null), false);
    }
}
