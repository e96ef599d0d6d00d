package io.logjms.broker.transaction;

/** An XA request the branch's state does not allow; the network layer maps the reason to an error code. */
public final class XaBranchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, named after the {@code XAException} code the client reports. */
    public enum Reason {
        /** XAER_NOTA. */
        UNKNOWN_BRANCH,
        /** XAER_DUPID. */
        DUPLICATE_BRANCH,
        /** XAER_PROTO. */
        PROTOCOL_ERROR,
        /** XA_RBTIMEOUT. */
        TIMED_OUT,
        /** XA_RBROLLBACK. */
        ROLLED_BACK,
        /** XAER_INVAL. */
        INVALID
    }

    private final Reason reason;

    public XaBranchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
