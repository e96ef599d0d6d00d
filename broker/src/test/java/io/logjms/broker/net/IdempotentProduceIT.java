package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import io.logjms.broker.BrokerProcess;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.InitProducerResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.provider.client.ProtocolErrorException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idempotent producer over a raw connection: a resent PRODUCE batch is stored once and answered with
 * the original offsets, also after a clean restart and after a kill; a gap and a fenced epoch are errors
 * that name themselves.
 */
@Timeout(90)
class IdempotentProduceIT {
    private static final DestinationId QUEUE = DestinationId.queue("idem.q");

    @TempDir
    Path dataDir;

    private Broker start() {
        return Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    private static ProtocolErrorException brokerError(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ProtocolErrorException.class);
        return (ProtocolErrorException) thrown.getCause();
    }

    @Test
    void aResentBatchIsStoredOnceAndAnsweredWithTheOriginalOffsets() throws Exception {
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            c.produce(QUEUE, 0, "unrelated");
            InitProducerResponse id = c.initProducer(-1, -1);
            assertThat(id.producerId()).isNotNegative();
            assertThat(id.producerEpoch()).isZero();
            byte[] batch = TestClient.producerBatch(id.producerId(), 0, 0, "a", "b");
            ProduceResponse first = c.produceBatch(QUEUE, 0, batch);
            ProduceResponse again = c.produceBatch(QUEUE, 0, batch);
            assertThat(again.baseOffset()).isEqualTo(first.baseOffset()).isEqualTo(1);
            assertThat(again.lastOffset()).isEqualTo(first.lastOffset()).isEqualTo(2);
            assertThat(c.fetchAll(QUEUE, 0)).flatExtracting(TestClient.StoredBatch::texts)
                    .containsExactly("unrelated", "a", "b");
        }
    }

    @Test
    void aGapAndAFencedEpochAreRefusedWithErrorsThatNameThemselves() throws Exception {
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            long p = c.initProducer(-1, -1).producerId();
            c.produceBatch(QUEUE, 0, TestClient.producerBatch(p, 0, 0, "s0"));
            ProtocolErrorException gap = brokerError(() -> c.produceBatch(QUEUE, 0, TestClient.producerBatch(p, 0, 2, "s2")));
            assertThat(gap.error()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE);
            assertThat(gap.getMessage()).contains("expected sequence 1, got 2 for producer " + p);

            InitProducerResponse bumped = c.initProducer(p, 0);
            assertThat(bumped.producerId()).isEqualTo(p);
            assertThat(bumped.producerEpoch()).isEqualTo((short) 1);
            c.produceBatch(QUEUE, 0, TestClient.producerBatch(p, 1, 0, "e1"));
            ProtocolErrorException fenced = brokerError(() -> c.produceBatch(QUEUE, 0, TestClient.producerBatch(p, 0, 1, "s1")));
            assertThat(fenced.error()).isEqualTo(ErrorCode.PRODUCER_FENCED);
            assertThat(fenced.getMessage()).contains("producer " + p + " with epoch 0 is fenced");
            assertThat(c.fetchAll(QUEUE, 0)).flatExtracting(TestClient.StoredBatch::texts).containsExactly("s0", "e1");
        }
    }

    @Test
    void deduplicationHoldsAcrossACleanRestart() throws Exception {
        byte[] batch;
        ProduceResponse original;
        long producerId;
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            producerId = c.initProducer(-1, -1).producerId();
            c.produceBatch(QUEUE, 0, TestClient.producerBatch(producerId, 0, 0, "x"));
            batch = TestClient.producerBatch(producerId, 0, 1, "y", "z");
            original = c.produceBatch(QUEUE, 0, batch);
        }
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            ProduceResponse again = c.produceBatch(QUEUE, 0, batch);
            assertThat(again.baseOffset()).isEqualTo(original.baseOffset());
            assertThat(again.lastOffset()).isEqualTo(original.lastOffset());
            assertThat(c.fetchAll(QUEUE, 0)).flatExtracting(TestClient.StoredBatch::texts).containsExactly("x", "y", "z");
            assertThat(c.initProducer(-1, -1).producerId()).as("ids are never given out twice").isNotEqualTo(producerId);
        }
    }

    @Test
    void deduplicationHoldsAfterTheBrokerIsKilled() throws Exception {
        byte[] batch;
        ProduceResponse original;
        try (BrokerProcess broker = BrokerProcess.start(dataDir); TestClient c = TestClient.connect(broker.port())) {
            long producerId = c.initProducer(-1, -1).producerId();
            c.produceBatch(QUEUE, 0, TestClient.producerBatch(producerId, 0, 0, "before"));
            batch = TestClient.producerBatch(producerId, 0, 1, "in-doubt");
            original = c.produceBatch(QUEUE, 0, batch);
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(dataDir); TestClient c = TestClient.connect(broker.port())) {
            assertThat(broker.stderrOnceItContains(BrokerProcess.STARTED_LOG)).contains("after an unclean shutdown");
            ProduceResponse again = c.produceBatch(QUEUE, 0, batch);
            assertThat(again.baseOffset()).as("rebuilt from the log, no snapshot").isEqualTo(original.baseOffset());
            assertThat(c.fetchAll(QUEUE, 0)).flatExtracting(TestClient.StoredBatch::texts)
                    .containsExactly("before", "in-doubt");
        }
    }
}
