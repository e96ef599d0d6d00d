package io.logjms.ra.wildfly.app;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A second resource manager beside logjms in a container transaction (where an application would have a
 * database), so that the transaction manager cannot commit logjms's branch in one phase: it must prepare
 * it. It holds no data and votes yes.
 */
final class SecondResource implements XAResource {
    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
