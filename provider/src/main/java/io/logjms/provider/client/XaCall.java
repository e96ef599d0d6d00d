package io.logjms.provider.client;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.XaBranchId;
import java.util.List;

/**
 * One XA request (XA_START to XA_FORGET) as the JMS layer states it: the request, the branch (null for
 * XA_RECOVER), the {@code XAResource} flags, the timeout in seconds (XA_START) and, for XA_END, the
 * association's transactional batches (without producer id) and acknowledgements.
 */
public record XaCall(ApiKey request, XaBranchId xid, int flags, int timeoutSeconds, List<OutgoingBatch> batches,
                     List<AckRequest> acks) {

    public XaCall {
        batches = List.copyOf(batches);
        acks = List.copyOf(acks);
    }

    /**
     * After a lost connection XA_RECOVER is sent again; the others change a branch's state, so a loss fails
     * them (their outcome is unknown when they were in flight) and the transaction manager asks again.
     */
    PendingCall.OnLoss onLoss() {
        return request == ApiKey.XA_RECOVER ? PendingCall.OnLoss.RESEND : PendingCall.OnLoss.FAIL;
    }

    /** A call about one branch that carries no work. */
    public static XaCall of(ApiKey request, XaBranchId xid, int flags) {
        return new XaCall(request, xid, flags, 0, List.of(), List.of());
    }
}
