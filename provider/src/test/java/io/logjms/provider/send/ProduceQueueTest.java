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
    private final ProduceQueue queue = new ProduceQueue(broker, d -> 1 << 20);

    @Test
    void upToTheLimitRequestsGoOutPerPartitionAndWhatWaitsLeavesTogetherInOrder() {
        int limit = ProduceQueue.MAX_IN_FLIGHT;
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < limit + 2; i++) {
            sent.add(queue.submit(record(Q, 0, "m" + i)));
        }
        assertThat(broker.produced()).as("at most %d requests in flight", limit).hasSize(limit);
        for (int i = 0; i < limit; i++) {
            assertThat(values(broker.produced().get(i))).containsExactly("m" + i);
        }
        broker.answerProduce(0, new ProduceResponse(0, 0, 1));
        assertThat(sent.get(0)).isCompleted();
        assertThat(sent.get(1)).isNotDone();
        assertThat(broker.produced()).hasSize(limit + 1);
        assertThat(values(broker.produced().get(limit))).containsExactly("m" + limit, "m" + (limit + 1));
        for (int i = 1; i < limit; i++) {
            broker.answerProduce(i, new ProduceResponse(i, i, 1));
            assertThat(sent.get(i)).isCompleted();
        }
        assertThat(sent.get(limit)).isNotDone();
        assertThat(broker.produced()).as("nothing waits, so nothing more is sent").hasSize(limit + 1);
        broker.answerProduce(limit, new ProduceResponse(limit, limit, 2));
        assertThat(sent).allMatch(CompletableFuture::isDone);
        assertThat(sent).noneMatch(CompletableFuture::isCompletedExceptionally);
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
        ProduceQueue small = new ProduceQueue(broker, d -> 300);
        int limit = ProduceQueue.MAX_IN_FLIGHT;
        for (int i = 0; i < limit + 5; i++) {
            small.submit(record(Q, 0, "z".repeat(100)));
        }
        assertThat(broker.produced()).hasSize(limit);
        broker.answerProduce(0, new ProduceResponse(0, 0, 1));
        assertThat(broker.produced()).hasSize(limit + 1);
        assertThat(values(broker.produced().get(limit))).as("five wait, fewer fit in 300 bytes")
                .hasSizeGreaterThan(0).hasSizeLessThan(5);
    }

    @Test
    void aCoalescedBatchCountsItsHeaderAndStaysWithinTheLimit() {
        OutgoingRecord one = record(Q, 0, "y".repeat(200));
        int limit = 2 * one.estimatedSize();
        ProduceQueue tight = new ProduceQueue(broker, d -> limit);
        for (int i = 0; i < ProduceQueue.MAX_IN_FLIGHT + 2; i++) {
            tight.submit(record(Q, 0, "y".repeat(200)));
        }
        broker.answerProduce(0, new ProduceResponse(0, 0, 1));
        for (OutgoingBatch batch : broker.produced()) {
            assertThat(batch.batch().remaining()).as("bytes of a batch of %d", batch.recordCount())
                    .isLessThanOrEqualTo(limit);
        }
    }
}
