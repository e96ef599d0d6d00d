package io.logjms.provider;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.XaBranchId;
import io.logjms.protocol.api.XaResponse;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.client.XaCall;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code XAResource} of an XA session. {@link #start} associates the session with a branch on the
 * broker (which times the branch out after {@link #getTransactionTimeout()} seconds unless it is prepared
 * by then); until {@link #end} the session collects its sends and consumed records, and {@code end} hands
 * them to the branch on the broker, which holds them. A branch started from a MessageListener (as an
 * application server's {@code beforeDelivery} does) also takes the message that listener processes. {@link #prepare}, {@link #commit}, {@link #rollback},
 * {@link #recover} and {@link #forget} act on branches by Xid and need no association: the transaction
 * manager may call them on any resource of the same broker ({@link #isSameRM}), also after a restart.
 * Failures are {@link XAException}s with the codes of the XA specification (see docs/XA.md).
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class LogJmsXAResource implements XAResource {
    private static final Logger LOG = LoggerFactory.getLogger(LogJmsXAResource.class);
    /** The broker's default branch timeout, in seconds, used while none is set. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    private final BrokerConnection broker;
    private final XaTransactionContext context;
    private final TransactionContext.Consumers consumers;
    private final long answerTimeoutMillis;
    private final Runnable afterStart;
    private final XaAssociations associations = new XaAssociations();
    private int timeoutSeconds;
    private boolean scanOpen;

    /**
     * @param consumers how records the broker did not take at {@code end} go back (the session's consumers)
     * @param answerTimeoutMillis how long to wait for the broker's answer to one request
     * @param afterStart runs once the session is associated (a MessageListener's record joins the branch)
     */
    LogJmsXAResource(BrokerConnection broker, XaTransactionContext context, TransactionContext.Consumers consumers,
                     long answerTimeoutMillis, Runnable afterStart) {
        this.broker = broker;
        this.context = context;
        this.consumers = consumers;
        this.answerTimeoutMillis = answerTimeoutMillis;
        this.afterStart = afterStart;
    }

    @Override
    public synchronized void start(Xid xid, int flags) throws XAException {
        XaBranchId id = branchId(xid);
        associations.checkStart(id, flags);
        call(new XaCall(ApiKey.XA_START, id, flags, timeoutSeconds, List.of(), List.of()), "start branch " + id);
        associations.started(id);
        context.associate();
        afterStart.run();
    }

    @Override
    public synchronized void end(Xid xid, int flags) throws XAException {
        XaBranchId id = branchId(xid);
        boolean active = associations.checkEnd(id, flags);
        XaTransactionContext.Work work = active ? context.dissociate()
                : new XaTransactionContext.Work(List.of(), List.of(), false);
        try {
            if (work.lostByReconnect()) {
                associations.forget(id);
                throw XaErrors.error(XAException.XA_RBCOMMFAIL, "the connection to the broker was lost during the"
                        + " association with branch " + id + ": what it received went back, so the branch rolls back");
            }
            try {
                call(new XaCall(ApiKey.XA_END, id, flags, 0, work.batches(), work.acks()), "end branch " + id);
            } catch (XAException e) {
                associations.forget(id);
                giveBack(work.acks());
                throw e;
            }
            associations.ended(id, flags);
        } finally {
            if (active) {
                transactionEnded();
            }
        }
    }

    @Override
    public synchronized int prepare(Xid xid) throws XAException {
        XaBranchId id = branchId(xid);
        XaResponse answer = call(XaCall.of(ApiKey.XA_PREPARE, id, TMNOFLAGS), "prepare branch " + id);
        return answer.vote() == XA_RDONLY ? XA_RDONLY : XA_OK;
    }

    @Override
    public synchronized void commit(Xid xid, boolean onePhase) throws XAException {
        XaBranchId id = branchId(xid);
        call(XaCall.of(ApiKey.XA_COMMIT, id, onePhase ? TMONEPHASE : TMNOFLAGS),
                (onePhase ? "commit (one phase) branch " : "commit branch ") + id);
    }

    /** Rolls back; an association of this resource with the branch ends, and what it collected is dropped. */
    @Override
    public synchronized void rollback(Xid xid) throws XAException {
        XaBranchId id = branchId(xid);
        if (id.equals(associations.active())) {
            XaTransactionContext.Work work = context.dissociate();
            giveBack(work.acks());
            transactionEnded();
        }
        associations.forget(id);
        call(XaCall.of(ApiKey.XA_ROLLBACK, id, TMNOFLAGS), "roll back branch " + id);
    }

    /**
     * The prepared branches: all of them at the start of a scan (TMSTARTRSCAN), none for the calls that
     * continue it (TMNOFLAGS) or end it (TMENDRSCAN).
     */
    @Override
    public synchronized Xid[] recover(int flag) throws XAException {
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0) {
            throw XaErrors.error(XAException.XAER_INVAL, "recover takes TMSTARTRSCAN, TMENDRSCAN or TMNOFLAGS, not "
                    + flag);
        }
        boolean starts = (flag & TMSTARTRSCAN) != 0;
        if (!starts && !scanOpen) {
            throw XaErrors.error(XAException.XAER_INVAL, "no recovery scan is open: start one with TMSTARTRSCAN");
        }
        Xid[] found = new Xid[0];
        if (starts) {
            List<XaBranchId> prepared = call(XaCall.of(ApiKey.XA_RECOVER, null, flag), "recover branches").xids();
            found = prepared.stream().map(LogJmsXid::new).toArray(Xid[]::new);
        }
        scanOpen = (flag & TMENDRSCAN) == 0;
        return found;
    }

    /** The broker takes no heuristic decisions: there is never a heuristic branch to forget (XAER_NOTA or XAER_PROTO). */
    @Override
    public synchronized void forget(Xid xid) throws XAException {
        XaBranchId id = branchId(xid);
        call(XaCall.of(ApiKey.XA_FORGET, id, TMNOFLAGS), "forget branch " + id);
    }

    /** Same broker: resources of connections to the same broker may join each other's branches. */
    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof LogJmsXAResource o && (o == this || o.broker.brokerId().equals(broker.brokerId()));
    }

    @Override
    public synchronized int getTransactionTimeout() {
        return timeoutSeconds == 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    /** The timeout, in seconds, of the branches this resource starts from now on; 0 restores the default. */
    @Override
    public synchronized boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw XaErrors.error(XAException.XAER_INVAL, "a transaction timeout must not be negative, not " + seconds);
        }
        timeoutSeconds = seconds;
        return true;
    }

    private XaResponse call(XaCall call, String action) throws XAException {
        return XaErrors.await(broker.xa(call), answerTimeoutMillis, action);
    }

    private static XaBranchId branchId(Xid xid) throws XAException {
        if (xid == null) {
            throw XaErrors.error(XAException.XAER_INVAL, "the Xid must not be null");
        }
        try {
            return new XaBranchId(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
        } catch (IllegalArgumentException e) {
            throw XaErrors.error(XAException.XAER_INVAL, e.getMessage());
        }
    }

    /** Records the broker did not take into a branch go back to their subscriptions for redelivery. */
    private void giveBack(List<AckRequest> consumed) {
        if (consumed.isEmpty()) {
            return;
        }
        List<ReleaseRequest> releases = new ArrayList<>(consumed.size());
        for (AckRequest a : consumed) {
            releases.add(new ReleaseRequest(a.subscriptionId(), true, a.records()));
        }
        try {
            consumers.giveBack(releases);
        } catch (JMSException e) {
            LOG.warn("could not give back the records of a failed XA association: {}", e.getMessage());
        }
    }

    private void transactionEnded() {
        try {
            consumers.transactionEnded();
        } catch (JMSException e) {
            LOG.debug("could not finish closing consumers after an XA association: {}", e.getMessage());
        }
    }
}
