package io.logjms.provider.tls;

/** The client's TLS options cannot be used (a store is missing or unreadable); the message names the option. */
public final class TlsSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
