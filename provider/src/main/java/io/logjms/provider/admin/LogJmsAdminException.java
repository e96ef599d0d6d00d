package io.logjms.provider.admin;

import io.logjms.protocol.ErrorCode;

/**
 * An admin request failed: the broker refused it ({@link #error()} is its error code and the message is
 * the broker's explanation), or the broker could not be reached or did not answer ({@link #error()} is
 * null).
 */
public class LogJmsAdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode error;

    public LogJmsAdminException(ErrorCode error, String message) {
        this(error, message, null);
    }

    public LogJmsAdminException(ErrorCode error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The broker's error code, or null when the broker did not answer (unreachable, connection lost, timeout). */
    public ErrorCode error() {
        return error;
    }

    /** True when the broker answered with an error, false when it could not be reached or did not answer. */
    public boolean refusedByBroker() {
        return error != null;
    }
}
