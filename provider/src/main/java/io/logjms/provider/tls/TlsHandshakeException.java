package io.logjms.provider.tls;

import java.io.IOException;

/** A TLS connection to a broker failed; the message says why in the user's terms (see {@link TlsFailures}). */
public final class TlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
