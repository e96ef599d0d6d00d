package io.logjms.provider;

import io.logjms.protocol.api.XaBranchId;
import java.util.HashSet;
import java.util.Set;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * The associations of one {@code XAResource} (one session) with branches, as X/Open XA rules them: at most
 * one active association at a time; {@code end(TMSUSPEND)} suspends it, {@code start(TMRESUME)} resumes it,
 * and a suspended association may also be ended with TMSUCCESS or TMFAIL. The rules that need the broker
 * (does the branch exist, is it prepared) are checked there. Not thread-safe: the resource synchronizes.
 */
final class XaAssociations {
    private XaBranchId active;
    private final Set<XaBranchId> suspended = new HashSet<>();

    /** Checks {@code start(xid, flags)} before it goes to the broker. */
    void checkStart(XaBranchId xid, int flags) throws XAException {
        if (flags != XAResource.TMNOFLAGS && flags != XAResource.TMJOIN && flags != XAResource.TMRESUME) {
            throw XaErrors.error(XAException.XAER_INVAL, "start takes TMNOFLAGS, TMJOIN or TMRESUME, not flags " + flags);
        }
        if (active != null) {
            throw XaErrors.error(XAException.XAER_PROTO, "cannot start branch " + xid + ": this XAResource is"
                    + " associated with branch " + active + "; end that association first");
        }
        boolean isSuspended = suspended.contains(xid);
        if (flags == XAResource.TMRESUME && !isSuspended) {
            throw XaErrors.error(XAException.XAER_PROTO, "cannot resume branch " + xid
                    + ": this XAResource did not suspend it");
        }
        if (flags != XAResource.TMRESUME && isSuspended) {
            throw XaErrors.error(XAException.XAER_PROTO, "branch " + xid + " is suspended on this XAResource:"
                    + " start it with TMRESUME");
        }
    }

    void started(XaBranchId xid) {
        active = xid;
        suspended.remove(xid);
    }

    /**
     * Checks {@code end(xid, flags)}; returns true when it ends the active association (whose work then
     * goes with it), false when it ends a suspended one.
     */
    boolean checkEnd(XaBranchId xid, int flags) throws XAException {
        if (flags != XAResource.TMSUCCESS && flags != XAResource.TMFAIL && flags != XAResource.TMSUSPEND) {
            throw XaErrors.error(XAException.XAER_INVAL, "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not flags " + flags);
        }
        if (xid.equals(active)) {
            return true;
        }
        if (suspended.contains(xid)) {
            if (flags == XAResource.TMSUSPEND) {
                throw XaErrors.error(XAException.XAER_PROTO, "branch " + xid + " is suspended already");
            }
            return false;
        }
        throw XaErrors.error(XAException.XAER_PROTO, "cannot end branch " + xid
                + ": this XAResource is not associated with it");
    }

    void ended(XaBranchId xid, int flags) {
        if (xid.equals(active)) {
            active = null;
        }
        if (flags == XAResource.TMSUSPEND) {
            suspended.add(xid);
        } else {
            suspended.remove(xid);
        }
    }

    /** The branch was decided (rolled back): no association with it is left. */
    void forget(XaBranchId xid) {
        if (xid.equals(active)) {
            active = null;
        }
        suspended.remove(xid);
    }

    /** The branch the resource is actively associated with, or null. */
    XaBranchId active() {
        return active;
    }

    boolean isSuspended(XaBranchId xid) {
        return suspended.contains(xid);
    }
}
