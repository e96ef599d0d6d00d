package io.logjms.provider.client;

/** The connection to the broker closed or failed while a request was pending or being sent. */
public class ConnectionLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The loss {@code cause} stands for: itself when it is one, else a loss naming it. */
    static ConnectionLostException after(Throwable cause) {
        return cause instanceof ConnectionLostException lost ? lost
                : new ConnectionLostException("the connection to the broker was lost"
                        + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }
}
