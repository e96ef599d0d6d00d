package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.provider.client.CommitRefusedException;
import io.logjms.provider.client.ConnectionLostException;
import io.logjms.provider.client.OutgoingBatch;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.client.RecordingBrokerConnection.Commit;
import io.logjms.provider.client.TransactionLostException;
import io.logjms.provider.send.OutgoingRecord;
import io.logjms.provider.send.ProducerSequences;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local transaction of a transacted session, against a recording broker connection. */
@Timeout(10)
class LocalTransactionContextTest {
    private static final DestinationId ORDERS = DestinationId.queue("orders");
    private static final long PRODUCER_ID = 4711;

    private final RecordingBrokerConnection broker = new RecordingBrokerConnection();
    private final ProducerSequences sequences = new ProducerSequences();
    private final LocalTransactionContext transaction = new LocalTransactionContext(broker, sequences);
    private final RecordingConsumers consumers = new RecordingConsumers();

    LocalTransactionContextTest() {
        sequences.assign(PRODUCER_ID, (short) 3);
    }

    @Test
    void collectsSendsAndConsumedRecordsAndCommitsThemInOneTransactionalCommit() throws Exception {
        assertThat(transaction.isTransacted()).isTrue();
        assertThat(transaction.collectSend(record(0, "a"))).isTrue();
        assertThat(transaction.collectSend(record(0, "b"))).isTrue();
        assertThat(transaction.collectConsumed(7, new RecordRef(0, 10))).isTrue();
        assertThat(transaction.collectConsumed(7, new RecordRef(0, 11))).isTrue();
        assertThat(broker.calls()).as("nothing reaches the broker before commit").isEmpty();
        assertThat(transaction.holdsConsumed(7)).isTrue();
        assertThat(transaction.holdsConsumed(8)).isFalse();

        transaction.commit(consumers);

        assertThat(broker.commits()).hasSize(1);
        Commit commit = broker.commits().get(0);
        assertThat(commit.batches()).hasSize(1);
        RecordBatch batch = RecordBatch.of(commit.batches().get(0).batch());
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.producerId()).isEqualTo(PRODUCER_ID);
        assertThat(batch.producerEpoch()).isEqualTo((short) 3);
        assertThat(batch.baseSequence()).isZero();
        assertThat(batch.recordCount()).isEqualTo(2);
        assertThat(commit.acks()).containsExactly(new AckRequest(7, List.of(new RecordRef(0, 10), new RecordRef(0, 11))));
        assertThat(transaction.holdsConsumed(7)).isFalse();
        assertThat(consumers.givenBack).isEmpty();
        assertThat(consumers.ended).isEqualTo(1);
        assertThat(sequences.nextSequence(ORDERS, 0)).isEqualTo(2);
    }

    @Test
    void anEmptyTransactionCommitsWithoutAskingTheBroker() throws Exception {
        transaction.commit(consumers);

        assertThat(broker.calls()).isEmpty();
        assertThat(consumers.ended).isEqualTo(1);
    }

    @Test
    void aCommitTheBrokerRefusesGivesTheConsumedRecordsAndTheProducerSequencesBack() throws Exception {
        transaction.collectSend(record(0, "a"));
        transaction.collectSend(record(1, "b"));
        transaction.collectConsumed(7, new RecordRef(2, 20));
        broker.failNext(ApiKey.COMMIT, new ProtocolErrorException(ErrorCode.STORAGE_ERROR, "disk full"));

        assertThatThrownBy(() -> transaction.commit(consumers))
                .isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("disk full")
                .hasCauseInstanceOf(JMSException.class);

        assertThat(consumers.givenBack).containsExactly(new ReleaseRequest(7, true, List.of(new RecordRef(2, 20))));
        assertThat(sequences.nextSequence(ORDERS, 0)).as("nothing was stored: no gap").isZero();
        assertThat(sequences.nextSequence(ORDERS, 1)).isZero();
        assertThat(transaction.holdsConsumed(7)).isFalse();

        transaction.collectSend(record(0, "c"));
        transaction.commit(consumers);
        Commit next = broker.commits().get(1);
        assertThat(RecordBatch.of(next.batches().get(0).batch()).baseSequence()).isZero();
        assertThat(next.acks()).as("the refused transaction's records are not in the next one").isEmpty();
    }

    @Test
    void aCommitTheClientRefusesToSendIsRolledBackWithItsRecordsAndSequencesGivenBack() throws Exception {
        transaction.collectSend(record(0, "a"));
        transaction.collectConsumed(7, new RecordRef(2, 20));
        broker.failNext(ApiKey.COMMIT, new CommitRefusedException("a partition is moving; nothing was committed"));

        assertThatThrownBy(() -> transaction.commit(consumers))
                .isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("a partition is moving; nothing was committed");

        assertThat(consumers.givenBack).containsExactly(new ReleaseRequest(7, true, List.of(new RecordRef(2, 20))));
        assertThat(sequences.nextSequence(ORDERS, 0)).as("nothing was stored: no gap").isZero();
    }

    @Test
    void aCommitLostBeforeItWasSentIsRolledBackWithItsSequencesGivenBack() throws Exception {
        transaction.collectSend(record(0, "a"));
        transaction.collectConsumed(7, new RecordRef(0, 10));
        TransactionLostException lost = new TransactionLostException("lost before sending", false);
        broker.failNext(ApiKey.COMMIT, lost);

        assertThatThrownBy(() -> transaction.commit(consumers))
                .isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("lost and re-established")
                .hasCause(lost);

        assertThat(sequences.nextSequence(ORDERS, 0)).isZero();
        assertThat(consumers.givenBack).as("the records went back with the connection").isEmpty();
    }

    @Test
    void aCommitWhoseOutcomeIsUnknownFailsWithTheConnectionErrorAndKeepsTheSequences() throws Exception {
        transaction.collectSend(record(0, "a"));
        transaction.collectConsumed(7, new RecordRef(0, 10));
        broker.failNext(ApiKey.COMMIT, new TransactionLostException("lost with the commit in flight", true));

        assertThatThrownBy(() -> transaction.commit(consumers))
                .isNotInstanceOf(TransactionRolledBackException.class)
                .isInstanceOf(JMSException.class)
                .satisfies(e -> assertThat(((JMSException) e).getErrorCode())
                        .isEqualTo(ExceptionTranslator.CONNECTION_LOST));

        assertThat(sequences.nextSequence(ORDERS, 0)).as("the broker may have stored it").isEqualTo(1);
        assertThat(consumers.givenBack).isEmpty();
        assertThat(consumers.ended).isZero();
    }

    @Test
    void aPlainConnectionLossDuringCommitIsInDoubtToo() throws Exception {
        transaction.collectSend(record(0, "a"));
        broker.failNext(ApiKey.COMMIT, new ConnectionLostException("reset", null));

        assertThatThrownBy(() -> transaction.commit(consumers))
                .isNotInstanceOf(TransactionRolledBackException.class)
                .isInstanceOf(JMSException.class);
        assertThat(sequences.nextSequence(ORDERS, 0)).isEqualTo(1);
    }

    @Test
    void aTransactionThatHadReceivedRecordsWhenTheConnectionWasReplacedFailsItsNextCommit() throws Exception {
        transaction.collectSend(record(0, "before"));
        transaction.collectConsumed(7, new RecordRef(0, 10));
        transaction.onReconnected();
        assertThat(transaction.holdsConsumed(7)).as("the record went back with the connection").isFalse();
        transaction.collectConsumed(7, new RecordRef(0, 11));

        assertThatThrownBy(() -> transaction.commit(consumers))
                .isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("its sends were discarded");

        assertThat(broker.commits()).as("nothing is sent for a lost transaction").isEmpty();
        assertThat(consumers.givenBack).containsExactly(new ReleaseRequest(7, true, List.of(new RecordRef(0, 11))));
        assertThat(consumers.ended).isEqualTo(1);

        transaction.collectSend(record(0, "after"));
        transaction.commit(consumers);
        assertThat(broker.commits()).hasSize(1);
        assertThat(broker.commits().get(0).batches()).hasSize(1);
        assertThat(RecordBatch.of(broker.commits().get(0).batches().get(0).batch()).recordCount()).isEqualTo(1);
    }

    @Test
    void aTransactionThatOnlySentSurvivesAReconnect() throws Exception {
        transaction.collectSend(record(0, "a"));
        transaction.onReconnected();

        transaction.commit(consumers);

        assertThat(broker.commits()).hasSize(1);
        assertThat(broker.commits().get(0).batches()).hasSize(1);
    }

    @Test
    void rollbackDropsTheSendsGivesTheConsumedRecordsBackAndClearsALoss() throws Exception {
        transaction.collectConsumed(7, new RecordRef(0, 10));
        transaction.onReconnected();
        transaction.collectSend(record(0, "a"));
        transaction.collectConsumed(8, new RecordRef(1, 5));

        transaction.rollback(consumers);

        assertThat(consumers.givenBack).containsExactly(new ReleaseRequest(8, true, List.of(new RecordRef(1, 5))));
        assertThat(consumers.ended).isEqualTo(1);
        transaction.commit(consumers);
        assertThat(broker.calls()).as("rolled back: nothing left to commit, and no loss to report").isEmpty();
        assertThat(sequences.nextSequence(ORDERS, 0)).isZero();
    }

    @Test
    void closeDropsTheSendsAndReturnsTheConsumedRecordsToGiveBack() throws Exception {
        transaction.collectSend(record(0, "a"));
        transaction.collectConsumed(7, new RecordRef(0, 10));
        transaction.collectConsumed(9, new RecordRef(3, 1));

        assertThat(transaction.close()).containsExactly(
                new ReleaseRequest(7, true, List.of(new RecordRef(0, 10))),
                new ReleaseRequest(9, true, List.of(new RecordRef(3, 1))));

        transaction.commit(consumers);
        assertThat(broker.calls()).isEmpty();
    }

    private static OutgoingRecord record(int partition, String body) {
        return new OutgoingRecord(ORDERS, partition, 1_000L, null, new byte[0], body.getBytes(StandardCharsets.UTF_8));
    }

    /** The session's side of a transaction's end, recorded. */
    private static final class RecordingConsumers implements TransactionContext.Consumers {
        final List<ReleaseRequest> givenBack = new ArrayList<>();
        int ended;

        @Override
        public void giveBack(List<ReleaseRequest> consumed) {
            givenBack.addAll(consumed);
        }

        @Override
        public void transactionEnded() {
            ended++;
        }
    }
}
