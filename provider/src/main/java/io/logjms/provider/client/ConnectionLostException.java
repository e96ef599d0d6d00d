package io.logjms.provider.client;

/** The connection to the broker closed or failed while a request was pending or being sent. */
public class ConnectionLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
