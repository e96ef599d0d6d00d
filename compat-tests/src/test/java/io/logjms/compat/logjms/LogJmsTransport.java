package io.logjms.compat.logjms;

import java.util.Map;

/**
 * How clients reach a logjms broker under test: in plain TCP, or over TLS with the broker's key store and a client
 * trust store from {@link TlsCertificates}. It gives the broker settings and the client URL options that go with
 * it, so a scenario that starts a broker of its own can start it the way the provider's broker runs.
 */
public enum LogJmsTransport {
    PLAIN,
    TLS;

    /** Broker settings (names as in docs/CONFIGURATION.md) this transport needs; none for plain TCP. */
    public Map<String, String> brokerSettings() {
        if (this == PLAIN) {
            return Map.of();
        }
        TlsCertificates certificates = TlsCertificates.get();
        return Map.of("tls.enabled", "true",
                "tls.keystore.path", certificates.keyStore.toString(),
                "tls.keystore.password", TlsCertificates.PASSWORD);
    }

    /** The URL of a broker at {@code 127.0.0.1:port}, with the client options this transport needs. */
    public String url(int port) {
        String url = "logjms://127.0.0.1:" + port;
        if (this == PLAIN) {
            return url;
        }
        TlsCertificates certificates = TlsCertificates.get();
        return url + "?tls=true&trustStore=" + certificates.trustStore + "&trustStorePassword="
                + TlsCertificates.PASSWORD;
    }

    /** {@code url} followed by one more URL option {@code option} ({@code name=value}). */
    static String withOption(String url, String option) {
        return url + (url.contains("?") ? "&" : "?") + option;
    }
}
