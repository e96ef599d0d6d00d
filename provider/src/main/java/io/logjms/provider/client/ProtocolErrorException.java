package io.logjms.provider.client;

import io.logjms.protocol.ErrorCode;

/** The broker answered a request with an error code. */
public class ProtocolErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode error;

    public ProtocolErrorException(ErrorCode error, String message) {
        super(error + ": " + (message == null || message.isEmpty() ? error.description() : message));
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
