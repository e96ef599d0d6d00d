package io.logjms.provider.client;

/** No broker of the list accepted a connection; the message lists each broker and why. */
public final class BrokerUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerUnreachableException(String message, Throwable lastCause) {
        super(message, lastCause);
    }
}
