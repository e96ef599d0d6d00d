package io.logjms.broker.destination;

/** A destination request the destination layer refuses; the network layer maps the reason to an error code. */
public class DestinationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason {
        UNKNOWN_DESTINATION,
        DESTINATION_EXISTS,
        INVALID_DESTINATION,
        UNKNOWN_PARTITION
    }

    private final Reason reason;

    public DestinationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DestinationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
