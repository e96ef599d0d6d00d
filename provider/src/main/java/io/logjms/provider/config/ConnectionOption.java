package io.logjms.provider.config;

import io.logjms.provider.tls.TlsOptions;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The options a logjms URL ({@code logjms://host:port?option=value&...}) and the connection factory's
 * setters accept, with their names as written in a URL. Defaults live in {@link ConnectionOptions}.
 */
public enum ConnectionOption {
    /** The JMS client id the administrator configured; applications cannot change it. */
    CLIENT_ID("clientID"),
    /** User name presented in the handshake. */
    USER("user"),
    /** Password presented in the handshake. */
    PASSWORD("password"),
    /** Records a consumer may hold ahead of the application (its credit), at least 1. */
    PREFETCH("prefetch"),
    /** Milliseconds to wait for a TCP connection and handshake with one broker. */
    CONNECT_TIMEOUT("connectTimeout"),
    /** Milliseconds to wait for the broker's answer to a request. */
    REQUEST_TIMEOUT("requestTimeout"),
    /** The classes an ObjectMessage may deserialize (see ObjectMessageAllowList). */
    OBJECT_MESSAGE_ALLOW_LIST("objectMessageAllowList"),
    /** Whether the broker creates a destination the first time a client uses it. */
    AUTO_CREATE("autoCreate"),
    /** Milliseconds to keep reconnecting after the connection to the broker is lost; 0 turns reconnecting off. */
    RECONNECT_TIMEOUT("reconnectTimeout"),
    /** Whether to connect with TLS. */
    TLS(TlsOptions.TLS),
    /** Trust store holding the broker's certificate or its CA; without it the JDK's default CAs. */
    TRUST_STORE(TlsOptions.TRUST_STORE),
    /** Password of the trust store. */
    TRUST_STORE_PASSWORD(TlsOptions.TRUST_STORE_PASSWORD),
    /** Format of the trust store (default PKCS12). */
    TRUST_STORE_TYPE(TlsOptions.TRUST_STORE_TYPE),
    /** Key store holding the client certificate, for brokers that ask for one. */
    KEY_STORE(TlsOptions.KEY_STORE),
    /** Password of the key store and of the key in it. */
    KEY_STORE_PASSWORD(TlsOptions.KEY_STORE_PASSWORD),
    /** Format of the key store (default PKCS12). */
    KEY_STORE_TYPE(TlsOptions.KEY_STORE_TYPE),
    /** Whether the broker's certificate must match the host name or IP address connected to (default true). */
    VERIFY_HOST(TlsOptions.VERIFY_HOST);

    private final String key;

    ConnectionOption(String key) {
        this.key = key;
    }

    /** The option's name in a URL. */
    public String key() {
        return key;
    }

    /** The option with that URL name (exact case), if any. */
    public static Optional<ConnectionOption> byKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }

    /** The URL names of all options, comma-separated, for error messages. */
    public static String allKeys() {
        return Arrays.stream(values()).map(ConnectionOption::key).collect(Collectors.joining(", "));
    }
}
