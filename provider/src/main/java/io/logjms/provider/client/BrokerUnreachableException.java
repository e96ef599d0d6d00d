package io.logjms.provider.client;

/** No broker of the list accepted a connection; the message lists each broker and why. */
public final class BrokerUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "could not connect to any logjms broker (";

    private final String failures;

    public BrokerUnreachableException(String message, Throwable lastCause) {
        super(message, lastCause);
        this.failures = message;
    }

    private BrokerUnreachableException(String failures, Throwable lastCause, boolean listed) {
        super(PREFIX + failures + ")", lastCause);
        this.failures = failures;
    }

    /** "could not connect to any logjms broker (host:port: reason; host:port: reason)". */
    public static BrokerUnreachableException ofFailures(String failures, Throwable lastCause) {
        return new BrokerUnreachableException(failures, lastCause, true);
    }

    /** Each broker tried and why it failed ("host:port: connection refused; ..."), without the sentence around it. */
    public String failures() {
        return failures;
    }
}
