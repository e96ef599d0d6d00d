package io.logjms.provider.send;

import static io.logjms.provider.send.BatchAssemblerTest.record;
import static io.logjms.provider.send.BatchAssemblerTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.record.RecordBatch;
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

    private static int sequence(OutgoingBatch batch) {
        return RecordBatch.of(batch.batch()).baseSequence();
    }

    @Test
    void batchesCarryTheProducerIdAndEachPartitionsSequenceInOrder() {
        ProducerSequences sequences = new ProducerSequences();
        sequences.assign(42, (short) 3);
        ProduceQueue idempotent = new ProduceQueue(broker, d -> 1 << 20, sequences);
        idempotent.submit(record(Q, 0, "a"));
        idempotent.submit(record(Q, 1, "b"));
        idempotent.submit(record(Q, 0, "c"));
        List<OutgoingBatch> produced = broker.produced();
        RecordBatch first = RecordBatch.of(produced.get(0).batch());
        assertThat(first.producerId()).isEqualTo(42);
        assertThat(first.producerEpoch()).isEqualTo((short) 3);
        assertThat(produced).extracting(ProduceQueueTest::sequence).containsExactly(0, 0, 1);
    }

    @Test
    void aBatchRefusedForGoodFailsAloneAndTheBatchesTheGapRefusedAreSentAgainInOrder() {
        ProducerSequences sequences = new ProducerSequences();
        sequences.assign(42, (short) 0);
        ProduceQueue idempotent = new ProduceQueue(broker, d -> 1 << 20, sequences);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(idempotent.submit(record(Q, 0, "m" + i)));
        }
        sent.add(idempotent.submit(record(Q, 0, "m4")));
        assertThat(broker.produced()).extracting(ProduceQueueTest::sequence).containsExactly(0, 1, 2, 3);
        broker.answerProduce(0, new ProduceResponse(0, 0, 1));
        assertThat(broker.produced()).hasSize(5);
        broker.failProduce(1, new ProtocolErrorException(ErrorCode.BATCH_TOO_LARGE, "too big"));
        assertThat(sent.get(1)).isCompletedExceptionally();
        broker.failProduce(2, new ProtocolErrorException(ErrorCode.OUT_OF_ORDER_SEQUENCE, "expected 1, got 2"));
        broker.failProduce(3, new ProtocolErrorException(ErrorCode.OUT_OF_ORDER_SEQUENCE, "expected 1, got 3"));
        assertThat(broker.produced()).as("nothing is sent while batches of the lane are in flight").hasSize(5);
        broker.failProduce(4, new ProtocolErrorException(ErrorCode.OUT_OF_ORDER_SEQUENCE, "expected 1, got 4"));
        assertThat(sent.subList(2, 5)).noneMatch(CompletableFuture::isDone);
        List<OutgoingBatch> resent = broker.produced().subList(5, broker.produced().size());
        assertThat(resent).flatExtracting(BatchAssemblerTest::values).containsExactly("m2", "m3", "m4");
        assertThat(sequence(resent.get(0))).as("back to the refused batch's sequence").isEqualTo(1);
        for (int i = 5; i < broker.produced().size(); i++) {
            broker.answerProduce(i, new ProduceResponse(i, i, 1));
        }
        assertThat(sent.subList(2, 5)).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(idempotent.isIdle()).isTrue();
    }
}
