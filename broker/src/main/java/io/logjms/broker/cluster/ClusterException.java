package io.logjms.broker.cluster;

/** The cluster could not make or apply a metadata change; {@link #reason()} says why. */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a cluster operation failed. */
    public enum Reason {
        /** Fewer than a majority of the configured brokers are members: metadata cannot change. */
        NO_MAJORITY,
        /** This broker has not joined its cluster (yet, or it was refused). */
        NOT_JOINED,
        /** The cluster refused this broker (e.g. its node.id is taken). */
        REFUSED
    }

    private final Reason reason;

    public ClusterException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ClusterException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
