package io.logjms.broker.transaction;

import io.logjms.protocol.ErrorCode;

/** A cross-broker transaction that cannot be committed (now, or as sent), with the code the client gets. */
public final class TransactionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode error;

    public TransactionException(ErrorCode error, String message) {
        super(message);
        this.error = error;
    }

    public TransactionException(ErrorCode error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }

    /** Whether the failure says "not here or not now" (a leader moved, a takeover or a majority is missing). */
    public boolean retriable() {
        return error == ErrorCode.NOT_LEADER || error == ErrorCode.LEADER_NOT_AVAILABLE
                || error == ErrorCode.NOT_ENOUGH_REPLICAS || error == ErrorCode.TRANSACTION_IN_PROGRESS;
    }
}
