package io.logjms.benchmarks.sidebyside;

/** A messaging client failed to release a connection, producer or consumer. */
public final class ClientException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
