package io.logjms.provider;

import io.logjms.protocol.api.XaBranchId;
import java.util.Arrays;
import javax.transaction.xa.Xid;

/** A branch as {@code XAResource.recover} reports it; equal to any Xid with the same three parts. Immutable. */
final class LogJmsXid implements Xid {
    private final XaBranchId id;

    LogJmsXid(XaBranchId id) {
        this.id = id;
    }

    @Override
    public int getFormatId() {
        return id.formatId();
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return id.globalId();
    }

    @Override
    public byte[] getBranchQualifier() {
        return id.branchQualifier();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xid x && x.getFormatId() == getFormatId()
                && Arrays.equals(x.getGlobalTransactionId(), getGlobalTransactionId())
                && Arrays.equals(x.getBranchQualifier(), getBranchQualifier());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Xid[" + id + "]";
    }
}
