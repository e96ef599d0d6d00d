package io.logjms.broker.subscription;

/** A subscription request the subscription layer refuses; the network layer maps the reason to an error code. */
public class SubscriptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason {
        INVALID_REQUEST,
        INVALID_CLIENT_ID,
        INVALID_SELECTOR,
        UNKNOWN_SUBSCRIPTION,
        SUBSCRIPTION_IN_USE,
        UNKNOWN_DESTINATION,
        UNKNOWN_PARTITION,
        /** The subscription's executor did not answer (interrupted or timed out): a broker fault. */
        NOT_ANSWERED
    }

    private final Reason reason;

    public SubscriptionException(Reason reason, String message) {
        this(reason, message, null);
    }

    public SubscriptionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
