package io.logjms.broker.net;

import io.logjms.protocol.ErrorCode;

/** A request the network layer refuses, with the protocol error code the client receives. */
public class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode error;

    public RequestException(ErrorCode error, String message) {
        super(message);
        this.error = error;
    }

    public RequestException(ErrorCode error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
