package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.broker.net.TestClient;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between a transaction's PREPARE entry and the end of applying it is finished at start-up:
 * the batches appear exactly once and the acknowledgements are applied.
 */
@Timeout(60)
class TransactionRecoveryIT {
    @TempDir
    Path dataDir;

    private Broker start() {
        return Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    private static ByteBuffer batch(String... texts) {
        return ByteBuffer.wrap(TestClient.textBatch(texts));
    }

    /**
     * Writes a PREPARE entry as the coordinator does before applying, as if the broker died right after: each
     * batch carries a producer id (here the transaction id) with epoch 0 and sequence 0, and the
     * transactional attribute.
     */
    private void prepareAndCrash(long txnId, PreparedTransaction txn) {
        for (PreparedTransaction.Produce p : txn.produces()) {
            ByteBuffer b = p.batch();
            b.putLong(RecordBatchLayout.PRODUCER_ID_OFFSET, txnId);
            b.putShort(RecordBatchLayout.PRODUCER_EPOCH_OFFSET, (short) 0);
            b.putInt(RecordBatchLayout.BASE_SEQUENCE_OFFSET, 0);
            b.putShort(RecordBatchLayout.ATTRIBUTES_OFFSET, RecordBatchLayout.ATTR_TRANSACTIONAL);
            new RecordBatch(b, 0).updateCrc();
        }
        try (TransactionLog log = new TransactionLog(dataDir.resolve("transactions.log"))) {
            assertThat(log.open().commits()).isEmpty();
            log.prepare(txnId, txn.encode(), true);
        }
    }

    @Test
    void preparedSendsAndAcksAreAppliedOnRestart() throws Exception {
        DestinationId in = DestinationId.queue("in");
        DestinationId out = DestinationId.queue("out");
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            c.produce(in, 0, "consumed-in-txn", "left-alone");
            c.produce(out, 0, "before");
            c.subscribe(new SubscribeRequest(1, in, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 1));
            assertThat(c.next(5000).text()).isEqualTo("consumed-in-txn");
        }
        prepareAndCrash(42L, new PreparedTransaction(
                List.of(new PreparedTransaction.Produce(out, 0, batch("txn-1", "txn-2"))),
                List.of(new PreparedTransaction.Ack("queue/in", List.of(new io.logjms.protocol.api.RecordRef(0, 0))))));

        for (int restart = 0; restart < 2; restart++) {
            try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
                c.subscribe(new SubscribeRequest(1, out, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 10));
                assertThat(c.next(5000).text()).isEqualTo("before");
                assertThat(c.next(5000).text()).isEqualTo("txn-1");
                assertThat(c.next(5000).text()).isEqualTo("txn-2");
                assertThat(c.next(300)).as("applied once, also after a second restart").isNull();
                c.subscribe(new SubscribeRequest(2, in, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 10));
                assertThat(c.next(5000).text()).as("the consumed record was acknowledged by the transaction")
                        .isEqualTo("left-alone");
            }
        }
    }

    @Test
    void batchAlreadyAppendedBeforeTheCrashIsNotAppendedAgain() throws Exception {
        DestinationId out = DestinationId.queue("once");
        ByteBuffer txnBatch = batch("only-once");
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            c.produce(out, 0, "first");
        }
        prepareAndCrash(7L, new PreparedTransaction(List.of(new PreparedTransaction.Produce(out, 0, txnBatch)), List.of()));
        // the crash came after the append: put the stamped batch in the log as the coordinator had
        io.logjms.broker.log.TopicPartition tp = new io.logjms.broker.log.TopicPartition("queue.once", 0);
        try (io.logjms.broker.log.PartitionLog log = io.logjms.broker.log.PartitionLog.open(
                dataDir.resolve("logs").resolve(tp.directoryName()), tp, io.logjms.broker.log.LogConfig.defaults(),
                java.time.Clock.systemUTC())) {
            log.append(txnBatch.duplicate());
        }
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            c.subscribe(new SubscribeRequest(1, out, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 10));
            assertThat(c.next(5000).text()).isEqualTo("first");
            assertThat(c.next(5000).text()).isEqualTo("only-once");
            assertThat(c.next(300)).isNull();
        }
    }
}
