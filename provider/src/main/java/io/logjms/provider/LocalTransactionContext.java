package io.logjms.provider;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.provider.ack.ConsumedRecords;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.client.OutgoingBatch;
import io.logjms.provider.client.TransactionLostException;
import io.logjms.provider.send.BatchAssembler;
import io.logjms.provider.send.OutgoingRecord;
import io.logjms.provider.send.ProducerSequences;
import io.logjms.provider.send.SendLimits;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;

/**
 * The local transaction of a transacted session. It keeps the records sent in the transaction and the
 * records given to the application; commit sends them to the broker in one COMMIT (the sends as
 * transactional batches stamped with the session's producer sequences, the consumed records as
 * acknowledgements), which the broker applies entirely or not at all. Rollback drops the sends and
 * gives the consumed records back.
 *
 * <p>Failures of a commit, by what the broker did:
 * <ul>
 *   <li>refused it (an error answer), or the connection was lost before it was sent: nothing was
 *       applied, so each partition's producer sequence goes back to the first of the refused batches
 *       (the next commit leaves no gap) and the commit fails as rolled back;</li>
 *   <li>unknown (the connection was lost with the commit in flight, or no answer in time): the commit
 *       fails with that error and nothing is given back, as the broker may have applied it;</li>
 *   <li>the connection was lost and re-established while the transaction had received records
 *       ({@link #onReconnected()}): those records went back with the connection, so the next commit
 *       drops the sends and fails as rolled back.</li>
 * </ul>
 *
 * <p>Thread-safe: the collections are synchronized and the lost mark is volatile. Commit and rollback
 * come from the session's one thread.
 */
final class LocalTransactionContext implements TransactionContext {
    private final BrokerConnection broker;
    private final ProducerSequences sequences;
    private final List<OutgoingRecord> sends = new ArrayList<>();
    private final ConsumedRecords consumed = new ConsumedRecords();
    /** The transaction had received records when the connection was lost: its commit must fail. */
    private volatile boolean lostByReconnect;

    /**
     * @param sequences the session's producer identity and sequences, shared with its send path, which
     *     asks the broker for the producer id before the first send
     */
    LocalTransactionContext(BrokerConnection broker, ProducerSequences sequences) {
        this.broker = broker;
        this.sequences = sequences;
    }

    @Override
    public boolean isTransacted() {
        return true;
    }

    @Override
    public boolean collectSend(OutgoingRecord record) {
        synchronized (sends) {
            sends.add(record);
        }
        return true;
    }

    @Override
    public boolean collectConsumed(int subscriptionId, RecordRef record) {
        consumed.add(subscriptionId, record);
        return true;
    }

    @Override
    public boolean holdsConsumed(int subscriptionId) {
        return consumed.contains(subscriptionId);
    }

    @Override
    public void commit(Consumers consumers) throws JMSException {
        if (lostByReconnect) {
            lostByReconnect = false;
            discardSends();
            consumers.giveBack(consumed.drainAsReleases(true));
            consumers.transactionEnded();
            throw ExceptionTranslator.transactionLost(null);
        }
        List<OutgoingBatch> batches = takeSendsAsBatches();
        List<AckRequest> acks = consumed.drainAsAcks();
        if (!batches.isEmpty() || !acks.isEmpty()) {
            try {
                ExceptionTranslator.await(broker.commit(batches, acks), "commit the transaction");
            } catch (JMSException e) {
                throw commitFailed(e, batches, acks, consumers);
            }
        }
        consumers.transactionEnded();
    }

    /** What a failed commit throws, after giving back what a commit that applied nothing took. */
    private JMSException commitFailed(JMSException e, List<OutgoingBatch> batches, List<AckRequest> acks,
                                      Consumers consumers) throws JMSException {
        if (e.getCause() instanceof TransactionLostException lost && !lost.inDoubt()) {
            // the consumed records went back to the broker with the connection
            giveBackSequences(batches);
            return ExceptionTranslator.transactionLost(lost);
        }
        if (ExceptionTranslator.CONNECTION_LOST.equals(e.getErrorCode())
                || ExceptionTranslator.TIMEOUT.equals(e.getErrorCode())) {
            return e;
        }
        giveBackSequences(batches);
        List<ReleaseRequest> releases = new ArrayList<>(acks.size());
        for (AckRequest a : acks) {
            releases.add(new ReleaseRequest(a.subscriptionId(), true, a.records()));
        }
        consumers.giveBack(releases);
        return ExceptionTranslator.rolledBack(e);
    }

    @Override
    public void rollback(Consumers consumers) throws JMSException {
        lostByReconnect = false;
        discardSends();
        consumers.giveBack(consumed.drainAsReleases(true));
        consumers.transactionEnded();
    }

    @Override
    public void onReconnected() {
        if (!consumed.isEmpty()) {
            lostByReconnect = true;
        }
        consumed.drainAsAcks();
    }

    @Override
    public void onPartitionsMoved(int subscriptionId, java.util.Set<Integer> partitions) {
        if (consumed.remove(subscriptionId, partitions)) {
            lostByReconnect = true;
        }
    }

    @Override
    public List<ReleaseRequest> close() {
        discardSends();
        return consumed.drainAsReleases(true);
    }

    /** The collected sends as transactional batches (taking the producer sequences), forgetting them. */
    private List<OutgoingBatch> takeSendsAsBatches() {
        List<OutgoingRecord> records;
        synchronized (sends) {
            records = new ArrayList<>(sends);
            sends.clear();
        }
        if (records.isEmpty()) {
            return List.of();
        }
        SendLimits limits = new SendLimits(broker.maxFrameBytes(), broker.maxBatchBytes());
        return BatchAssembler.assemble(records, limits::batchLimit, sequences, true);
    }

    /**
     * None of {@code batches} is stored: each partition's sequence goes back to the first of them, so
     * the next commit does not leave a gap.
     */
    private void giveBackSequences(List<OutgoingBatch> batches) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            OutgoingBatch b = batches.get(i);
            sequences.rewind(b.destination(), b.partition(), RecordBatch.of(b.batch()).baseSequence());
        }
    }

    private void discardSends() {
        synchronized (sends) {
            sends.clear();
        }
    }
}
