package io.logjms.provider.client;

/**
 * A commit that acknowledged records could not survive a lost connection: either it was never sent
 * (the records went back to their subscriptions with the connection, so nothing was applied) or it was
 * in flight and the broker's outcome is unknown ({@link #inDoubt()}).
 */
public final class TransactionLostException extends ConnectionLostException {
    private static final long serialVersionUID = 1L;
    private final boolean inDoubt;

    public TransactionLostException(String message, boolean inDoubt) {
        super(message, null);
        this.inDoubt = inDoubt;
    }

    public boolean inDoubt() {
        return inDoubt;
    }
}
