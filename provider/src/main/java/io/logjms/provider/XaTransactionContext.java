package io.logjms.provider;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.provider.ack.ConsumedRecords;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.client.OutgoingBatch;
import io.logjms.provider.send.BatchAssembler;
import io.logjms.provider.send.OutgoingRecord;
import io.logjms.provider.send.SendLimits;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transaction context of an XA session. While the session is associated with a branch (between
 * {@code XAResource.start} and {@code end}) it collects sends and consumed records as a local transaction
 * does; {@link #dissociate} hands them over for the XA_END request, which gives them to the branch on the
 * broker. Outside a branch it takes nothing, so the session works as a non-transacted AUTO_ACKNOWLEDGE
 * session. Commit and rollback belong to the transaction manager, through the {@code XAResource}.
 *
 * <p>Thread-safe: the collections are synchronized and the association flags volatile.
 */
final class XaTransactionContext implements TransactionContext {
    private final BrokerConnection broker;
    private final List<OutgoingRecord> sends = new ArrayList<>();
    private final ConsumedRecords consumed = new ConsumedRecords();
    private volatile boolean associated;
    /** The connection was re-established during the association: what it received went back to the broker. */
    private volatile boolean lostByReconnect;

    /** The work of one association: batches without producer id (the broker stamps them at commit), acks. */
    record Work(List<OutgoingBatch> batches, List<AckRequest> acks, boolean lostByReconnect) {
    }

    XaTransactionContext(BrokerConnection broker) {
        this.broker = broker;
    }

    /** The session is now associated with a branch: from now on it collects. */
    void associate() {
        lostByReconnect = false;
        associated = true;
    }

    /** Ends the association: returns what it collected and collects nothing more. */
    Work dissociate() {
        associated = false;
        List<OutgoingRecord> records;
        synchronized (sends) {
            records = new ArrayList<>(sends);
            sends.clear();
        }
        List<OutgoingBatch> batches = records.isEmpty() ? List.of()
                : BatchAssembler.assemble(records, new SendLimits(broker.maxFrameBytes(), broker.maxBatchBytes())::batchLimit, null, true);
        boolean lost = lostByReconnect;
        lostByReconnect = false;
        return new Work(batches, consumed.drainAsAcks(), lost);
    }

    boolean isAssociated() {
        return associated;
    }

    @Override
    public boolean isTransacted() {
        return associated;
    }

    @Override
    public boolean collectSend(OutgoingRecord record) {
        if (!associated) {
            return false;
        }
        synchronized (sends) {
            sends.add(record);
        }
        return true;
    }

    @Override
    public boolean collectConsumed(int subscriptionId, RecordRef record) {
        if (!associated) {
            return false;
        }
        consumed.add(subscriptionId, record);
        return true;
    }

    @Override
    public boolean holdsConsumed(int subscriptionId) {
        return consumed.contains(subscriptionId);
    }

    @Override
    public void commit(Consumers consumers) throws JMSException {
        throw LogJmsXASession.inProgress("commit");
    }

    @Override
    public void rollback(Consumers consumers) throws JMSException {
        throw LogJmsXASession.inProgress("rollback");
    }

    @Override
    public void onReconnected() {
        if (associated) {
            lostByReconnect = true;
        }
        consumed.drainAsAcks();
    }

    @Override
    public void onPartitionsMoved(int subscriptionId, java.util.Set<Integer> partitions) {
        if (consumed.remove(subscriptionId, partitions) && associated) {
            lostByReconnect = true;
        }
    }

    @Override
    public List<ReleaseRequest> close() {
        associated = false;
        synchronized (sends) {
            sends.clear();
        }
        return consumed.drainAsReleases(true);
    }
}
