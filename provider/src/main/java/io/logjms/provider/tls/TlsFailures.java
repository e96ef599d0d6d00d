package io.logjms.provider.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in the user's terms why a TLS connection failed: the broker does not speak TLS, its certificate is
 * not trusted, has expired or does not match the host, the broker wants a client certificate or the
 * handshake timed out. Stateless.
 */
public final class TlsFailures {
    private TlsFailures() {
    }

    /**
     * A {@link TlsHandshakeException} explaining {@code failure} of a TLS connection to {@code host:port},
     * or null when the failure is not about TLS.
     */
    public static TlsHandshakeException explain(Throwable failure, String host, int port, TlsOptions options) {
        String reason = reason(failure, host, options);
        return reason == null ? null : new TlsHandshakeException("TLS connection to " + host + ":" + port
                + " failed: " + reason, failure);
    }

    private static String reason(Throwable failure, String host, TlsOptions options) {
        String trust = options.trustStore() == null ? "the JDK's default trusted CAs" : "trustStore "
                + options.trustStore();
        boolean sawSsl = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof NotSslRecordException) {
                return "the broker did not answer with TLS (is tls.enabled=true set on the broker?)";
            }
            if (t instanceof SslHandshakeTimeoutException) {
                return "the TLS handshake did not finish in time (" + message + ")";
            }
            if (t instanceof CertificateExpiredException || (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED)) {
                return "the broker's certificate has expired (" + message + ")";
            }
            if (t instanceof CertificateNotYetValidException || (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return "the broker's certificate is not valid yet (" + message + ")";
            }
            if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
                return "host name mismatch: the broker's certificate does not name " + host + " (" + message
                        + "; verifyHost=false turns this check off)";
            }
            if (t instanceof CertPathBuilderException || message.contains("unable to find valid certification path")) {
                return "the broker's certificate is not trusted: it is not signed by a certificate in " + trust;
            }
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                    || lower.contains("certificate_unknown") && options.keyStore() == null) {
                return options.keyStore() == null
                        ? "the broker requires a client certificate: give keyStore and keyStorePassword (" + message + ")"
                        : "the broker did not accept the client certificate in keyStore " + options.keyStore()
                                + " (" + message + ")";
            }
            sawSsl |= t instanceof SSLException;
            if (t instanceof ClosedChannelException && !sawSsl) {
                return "the broker closed the connection during the TLS handshake (is tls.enabled=true set on "
                        + "the broker?)";
            }
        }
        return sawSsl ? "TLS handshake failed: " + failure.getMessage() : null;
    }
}
