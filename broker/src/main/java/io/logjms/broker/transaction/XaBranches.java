package io.logjms.broker.transaction;

import static io.logjms.broker.transaction.XaBranchException.Reason.DUPLICATE_BRANCH;
import static io.logjms.broker.transaction.XaBranchException.Reason.INVALID;
import static io.logjms.broker.transaction.XaBranchException.Reason.PROTOCOL_ERROR;
import static io.logjms.broker.transaction.XaBranchException.Reason.ROLLED_BACK;
import static io.logjms.broker.transaction.XaBranchException.Reason.TIMED_OUT;
import static io.logjms.broker.transaction.XaBranchException.Reason.UNKNOWN_BRANCH;

import io.logjms.broker.subscription.Subscription;
import io.logjms.broker.subscription.SubscriptionConsumer;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.XaBranchId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XA branches of the broker and the rules of their life (X/Open XA as {@code XAResource} states it):
 * a branch is started, joined, suspended and resumed by associations; each ended association brings its
 * sends and acknowledgements, whose records the branch then holds; {@link #prepare} makes it durable
 * through the {@link TransactionCoordinator}; {@link #commit} (one- or two-phase) and {@link #rollback}
 * decide it. A branch not prepared within its timeout is rolled back ({@link #expire}) and remembered, so
 * that a late prepare or commit fails with TIMED_OUT. A prepared branch is never decided here on its own:
 * it waits for its transaction manager, across broker restarts.
 *
 * <p>Thread-safe (every method is synchronized); the methods that prepare, commit or roll back write and
 * sync the transaction log and wait for subscriptions, so they run off the network threads.
 */
public final class XaBranches {
    private static final Logger log = LoggerFactory.getLogger(XaBranches.class);
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    private static final int REMEMBERED_TIMEOUTS = 10_000;

    private final TransactionCoordinator coordinator;
    private final LongSupplier clockMs;
    private final int defaultTimeoutSeconds;
    private final Map<XaBranchId, XaBranch> branches = new HashMap<>();
    private final Map<XaBranchId, Boolean> timedOut = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<XaBranchId, Boolean> eldest) {
            return size() > REMEMBERED_TIMEOUTS;
        }
    };
    private final SubscriptionManager subscriptions;
    /** Holder ids of branches started since the broker started (-1 is the cursor's "no owner"). */
    private long nextHolder = -2;

    /** What a commit appended: the branch's batches and where each went, in order. */
    public record Committed(List<TransactionCoordinator.Produce> produces, List<ProduceResponse> results) {
    }

    /** Records of a subscription that one consumer received in the association that ends. */
    public record Consumed(Subscription subscription, SubscriptionConsumer consumer, List<RecordRef> records) {
    }

    /**
     * @param recovered the branches the coordinator found prepared at start-up
     * @param clockMs the current time in milliseconds
     */
    public XaBranches(TransactionCoordinator coordinator, SubscriptionManager subscriptions,
                      List<TransactionCoordinator.RecoveredBranch> recovered, int defaultTimeoutSeconds,
                      LongSupplier clockMs) {
        this.coordinator = coordinator;
        this.subscriptions = subscriptions;
        this.clockMs = clockMs;
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
        for (TransactionCoordinator.RecoveredBranch r : recovered) {
            // log ids are positive and far above the count of branches started: no clash with nextHolder
            XaBranch branch = new XaBranch(r.xid(), -r.branchId(), Long.MAX_VALUE);
            branch.state = XaBranch.State.PREPARED;
            branch.logId = r.branchId();
            branch.produces.addAll(r.produces());
            branch.recoveredAcks.addAll(r.acks());
            for (PreparedTransaction.Ack a : r.acks()) {
                subscriptions.holdRecovered(a.subscriptionId(), a.records(), branch.holder);
            }
            branches.put(r.xid(), branch);
        }
    }

    /** XA_START: a new branch (TMNOFLAGS), or one more association on a known one (TMJOIN, TMRESUME). */
    public synchronized void start(XaBranchId xid, int flags, int timeoutSeconds, Object owner) {
        checkXid(xid);
        if (timeoutSeconds < 0) {
            throw new XaBranchException(INVALID, "a transaction timeout must not be negative, not " + timeoutSeconds);
        }
        switch (flags) {
            case XAResource.TMNOFLAGS -> {
                if (branches.containsKey(xid) || timedOut.containsKey(xid)) {
                    throw new XaBranchException(DUPLICATE_BRANCH, "branch " + xid + " exists already");
                }
                int seconds = timeoutSeconds == 0 ? defaultTimeoutSeconds : timeoutSeconds;
                XaBranch branch = new XaBranch(xid, nextHolder--, clockMs.getAsLong() + seconds * 1000L);
                branch.open(owner);
                branches.put(xid, branch);
            }
            case XAResource.TMJOIN -> known(xid, "join").open(owner);
            case XAResource.TMRESUME -> known(xid, "resume");
            default -> throw new XaBranchException(INVALID, "start takes TMNOFLAGS, TMJOIN or TMRESUME, not flags " + flags);
        }
    }

    /** A branch that takes new associations: known, not prepared, not rolled back. */
    private XaBranch known(XaBranchId xid, String action) {
        XaBranch branch = find(xid);
        if (branch.state == XaBranch.State.PREPARED) {
            throw new XaBranchException(PROTOCOL_ERROR, "cannot " + action + " branch " + xid + ": it is prepared");
        }
        if (branch.state == XaBranch.State.ROLLBACK_ONLY) {
            throw new XaBranchException(ROLLED_BACK, "cannot " + action + " branch " + xid
                    + ": it is marked rollback-only (" + branch.rollbackReason + ")");
        }
        return branch;
    }

    /**
     * XA_END: the association of {@code owner} ends (TMSUCCESS, TMFAIL) or is suspended (TMSUSPEND), and its
     * work joins the branch, which takes over the consumed records. TMFAIL marks the branch rollback-only,
     * and so do records the consumer no longer held (given back meanwhile).
     */
    public synchronized void end(XaBranchId xid, int flags, List<TransactionCoordinator.Produce> produces,
                                 List<Consumed> consumed, Object owner) {
        checkXid(xid);
        if (flags != XAResource.TMSUCCESS && flags != XAResource.TMFAIL && flags != XAResource.TMSUSPEND) {
            throw new XaBranchException(INVALID, "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not flags " + flags);
        }
        XaBranch branch = find(xid);
        if (branch.state == XaBranch.State.PREPARED) {
            throw new XaBranchException(PROTOCOL_ERROR, "cannot end branch " + xid + ": it is prepared");
        }
        if (!branch.associations.containsKey(owner)) {
            throw new XaBranchException(PROTOCOL_ERROR, "cannot end branch " + xid
                    + ": this connection has no association with it");
        }
        if (flags != XAResource.TMSUSPEND) {
            branch.close(owner);
        }
        branch.produces.addAll(produces);
        for (Consumed c : consumed) {
            List<RecordRef> missing = SubscriptionManager.join(c.subscription().transfer(c.consumer(), c.records(),
                    branch.holder));
            List<RecordRef> held = new ArrayList<>(c.records());
            held.removeAll(missing);
            branch.acks.computeIfAbsent(c.subscription(), s -> new ArrayList<>()).addAll(held);
            if (!missing.isEmpty()) {
                branch.markRollbackOnly(missing.size() + " consumed record(s) of " + c.subscription().id()
                        + " were given back before the association ended");
            }
        }
        if (flags == XAResource.TMFAIL) {
            branch.markRollbackOnly("an association ended with TMFAIL");
        }
    }

    /** XA_PREPARE: true when the branch did nothing (read-only: it is then forgotten). */
    public synchronized boolean prepare(XaBranchId xid) {
        XaBranch branch = decidable(xid, "prepare");
        if (branch.state == XaBranch.State.PREPARED) {
            throw new XaBranchException(PROTOCOL_ERROR, "branch " + xid + " is prepared already");
        }
        if (!branch.hasWork()) {
            branches.remove(xid);
            return true;
        }
        try {
            branch.logId = coordinator.prepareBranch(xid, branch.produces, branch.acks);
        } catch (RuntimeException e) {
            discard(branch);
            throw new XaBranchException(ROLLED_BACK, "branch " + xid + " could not be prepared and was rolled back: "
                    + e.getMessage());
        }
        branch.state = XaBranch.State.PREPARED;
        return false;
    }

    /** XA_COMMIT: two-phase (the branch is prepared) or one-phase (it is ended, not prepared). */
    public synchronized Committed commit(XaBranchId xid, boolean onePhase) {
        XaBranch branch = decidable(xid, "commit");
        if (onePhase == (branch.state == XaBranch.State.PREPARED)) {
            throw new XaBranchException(PROTOCOL_ERROR, onePhase
                    ? "branch " + xid + " is prepared: commit it in two phases"
                    : "branch " + xid + " is not prepared: prepare it or commit it in one phase");
        }
        List<ProduceResponse> produced;
        if (onePhase) {
            try {
                produced = coordinator.commit(branch.produces, branch.acks);
            } catch (RuntimeException e) {
                discard(branch);
                throw new XaBranchException(ROLLED_BACK, "branch " + xid + " could not commit and was rolled back: "
                        + e.getMessage());
            }
        } else {
            produced = coordinator.commitBranch(branch.logId, branch.produces, branch.acks, branch.recoveredAcks);
        }
        branches.remove(xid);
        return new Committed(branch.produces, produced);
    }

    /** XA_ROLLBACK: the branch's work is dropped and its consumed records given back for redelivery. */
    public synchronized void rollback(XaBranchId xid) {
        checkXid(xid);
        XaBranch branch = branches.get(xid);
        if (branch == null) {
            if (timedOut.remove(xid) != null) {
                return;
            }
            throw new XaBranchException(UNKNOWN_BRANCH, "no branch " + xid);
        }
        discard(branch);
    }

    /** XA_RECOVER: the branches prepared and not decided. */
    public synchronized List<XaBranchId> recover() {
        List<XaBranchId> prepared = new ArrayList<>();
        branches.values().forEach(b -> {
            if (b.state == XaBranch.State.PREPARED) {
                prepared.add(b.xid);
            }
        });
        return prepared;
    }

    /** XA_FORGET: the broker takes no heuristic decisions, so there is never a heuristic branch to forget. */
    public synchronized void forget(XaBranchId xid) {
        XaBranch branch = find(xid);
        throw new XaBranchException(PROTOCOL_ERROR, "branch " + xid + " is " + branch.state.name().toLowerCase()
                + ", not heuristically completed: the broker takes no heuristic decisions, so there is nothing to forget");
    }

    /** Rolls back every branch not prepared by its deadline. Returns how many. */
    public synchronized int expire() {
        long now = clockMs.getAsLong();
        List<XaBranch> late = new ArrayList<>();
        branches.values().forEach(b -> {
            if (b.state != XaBranch.State.PREPARED && b.deadlineMs <= now) {
                late.add(b);
            }
        });
        for (XaBranch b : late) {
            log.warn("XA branch {} was not prepared within its timeout: rolled back", b.xid);
            discard(b);
            timedOut.put(b.xid, Boolean.TRUE);
        }
        return late.size();
    }

    /**
     * A connection closed: its open associations never brought their work, so the branches it was
     * associated with can only roll back.
     */
    public synchronized void ownerLost(Object owner) {
        for (XaBranch b : branches.values()) {
            if (b.associations.remove(owner) != null) {
                b.markRollbackOnly("the connection of an open association closed");
            }
        }
    }

    /** Whether a branch is known (for tests and the console). */
    public synchronized boolean isKnown(XaBranchId xid) {
        return branches.containsKey(xid);
    }

    /**
     * A branch that may be prepared or decided now: known, not timed out, without open associations; one
     * marked rollback-only is rolled back here and reported so.
     */
    private XaBranch decidable(XaBranchId xid, String action) {
        XaBranch branch = find(xid);
        if (!branch.associations.isEmpty()) {
            throw new XaBranchException(PROTOCOL_ERROR, "cannot " + action + " branch " + xid
                    + ": an association with it is still open (end it first)");
        }
        if (branch.state == XaBranch.State.ROLLBACK_ONLY) {
            discard(branch);
            throw new XaBranchException(ROLLED_BACK, "branch " + xid + " was rolled back: " + branch.rollbackReason);
        }
        return branch;
    }

    private XaBranch find(XaBranchId xid) {
        checkXid(xid);
        XaBranch branch = branches.get(xid);
        if (branch != null) {
            return branch;
        }
        if (timedOut.containsKey(xid)) {
            throw new XaBranchException(TIMED_OUT, "branch " + xid + " was rolled back: it was not prepared within"
                    + " its timeout");
        }
        throw new XaBranchException(UNKNOWN_BRANCH, "no branch " + xid);
    }

    /** Forgets a branch, rolling back its log entry if prepared and giving its consumed records back. */
    private void discard(XaBranch branch) {
        branches.remove(branch.xid);
        if (branch.state == XaBranch.State.PREPARED) {
            coordinator.rollbackBranch(branch.logId);
        }
        for (PreparedTransaction.Ack a : branch.recoveredAcks) {
            try {
                subscriptions.releaseHeld(a.subscriptionId(), a.records(), branch.holder);
            } catch (RuntimeException e) {
                log.warn("XA branch {}: could not give back {} record(s) of {}: {}", branch.xid, a.records().size(),
                        a.subscriptionId(), e.getMessage());
            }
        }
        branch.acks.forEach((sub, refs) -> {
            try {
                SubscriptionManager.join(sub.releaseHeld(branch.holder, refs));
            } catch (RuntimeException e) {
                log.warn("XA branch {}: could not give back {} record(s) of {}: {}", branch.xid, refs.size(), sub.id(),
                        e.getMessage());
            }
        });
    }

    private static void checkXid(XaBranchId xid) {
        if (xid == null) {
            throw new XaBranchException(INVALID, "the request names no Xid");
        }
    }
}
