package io.logjms.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA resource a {@link LogJmsManagedConnection} gives the container: the XA session's own, noting
 * whether a transaction branch is associated with it (between {@code start} and {@code end}). The managed
 * connection hands out the XA session only then, so that work outside any transaction on an XA-pooled
 * connection is not done in a branch nobody ends.
 */
final class EnlistmentTrackingXAResource implements XAResource {
    private final XAResource delegate;
    private volatile boolean associated;

    EnlistmentTrackingXAResource(XAResource delegate) {
        this.delegate = delegate;
    }

    /** Whether a branch is associated now (started, or resumed, and not yet ended or suspended). */
    boolean isAssociated() {
        return associated;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
        associated = true;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        try {
            delegate.end(xid, flags);
        } finally {
            associated = false;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof EnlistmentTrackingXAResource tracking ? tracking.delegate : other;
        return delegate.isSameRM(unwrapped);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }
}
