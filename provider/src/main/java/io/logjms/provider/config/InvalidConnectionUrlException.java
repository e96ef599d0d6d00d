package io.logjms.provider.config;

/** A logjms URL or connection option that cannot be used; the message names the culprit. */
public final class InvalidConnectionUrlException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidConnectionUrlException(String message) {
        super(message);
    }
}
