package io.logjms.broker;

import io.logjms.protocol.ErrorCode;

/** A request the broker refuses, with the protocol error code the client receives. */
public class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode error;

    public BrokerException(ErrorCode error, String message) {
        super(message);
        this.error = error;
    }

    public BrokerException(ErrorCode error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
