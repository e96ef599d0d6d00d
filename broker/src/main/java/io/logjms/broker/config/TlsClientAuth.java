package io.logjms.broker.config;

/** Whether the broker asks TLS clients for a certificate (configuration key {@code tls.client.auth}). */
public enum TlsClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /** A client certificate is asked for but not required. */
    WANT,
    /** Every client must present a certificate the trust store trusts; its subject CN is the user name. */
    NEED
}
