package io.logjms.provider.send;

import static io.logjms.provider.send.BatchAssemblerTest.record;
import static io.logjms.provider.send.BatchAssemblerTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.provider.client.OutgoingBatch;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.RecordingBrokerConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProduceQueueTest {
    private static final DestinationId Q = DestinationId.queue("q");
    private final RecordingBrokerConnection broker = new RecordingBrokerConnection().holdProduces();
    private final ProduceQueue queue = new ProduceQueue(broker, () -> 1 << 20);

    @Test
    void recordsSubmittedWhileABatchIsInFlightLeaveTogetherInOrder() {
        CompletableFuture<Void> a = queue.submit(record(Q, 0, "a"));
        CompletableFuture<Void> b = queue.submit(record(Q, 0, "b"));
        CompletableFuture<Void> c = queue.submit(record(Q, 0, "c"));
        assertThat(broker.produced()).hasSize(1);
        assertThat(values(broker.produced().get(0))).containsExactly("a");
        broker.answerProduce(0, new ProduceResponse(0, 0, 1));
        assertThat(a).isCompleted();
        assertThat(b).isNotDone();
        assertThat(broker.produced()).hasSize(2);
        assertThat(values(broker.produced().get(1))).containsExactly("b", "c");
        broker.answerProduce(1, new ProduceResponse(1, 2, 1));
        assertThat(b).isCompleted();
        assertThat(c).isCompleted();
        assertThat(queue.isIdle()).isTrue();
    }

    @Test
    void partitionsProgressIndependentlyAndFailuresReachEveryRecordOfTheBatch() throws Exception {
        CompletableFuture<Void> p0 = queue.submit(record(Q, 0, "x"));
        CompletableFuture<Void> p1 = queue.submit(record(Q, 1, "y"));
        List<OutgoingBatch> produced = new ArrayList<>(broker.produced());
        assertThat(produced).extracting(OutgoingBatch::partition).containsExactly(0, 1);
        broker.failProduce(1, new ProtocolErrorException(ErrorCode.BATCH_TOO_LARGE, "too big"));
        assertThat(p1).isCompletedExceptionally();
        assertThat(p0).isNotDone();
        assertThat(queue.awaitIdle(10, TimeUnit.MILLISECONDS)).isFalse();
        broker.answerProduce(0, new ProduceResponse(0, 0, 1));
        assertThat(queue.awaitIdle(10, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aBatchStopsAtTheMaximumSize() {
        ProduceQueue small = new ProduceQueue(broker, () -> 300);
        small.submit(record(Q, 0, "first"));
        for (int i = 0; i < 5; i++) {
            small.submit(record(Q, 0, "z".repeat(100)));
        }
        broker.answerProduce(0, new ProduceResponse(0, 0, 1));
        assertThat(broker.produced()).hasSize(2);
        assertThat(values(broker.produced().get(1))).hasSizeLessThan(5);
    }
}
