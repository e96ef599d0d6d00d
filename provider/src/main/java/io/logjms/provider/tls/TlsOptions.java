package io.logjms.provider.tls;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a client connects with TLS, from the URL options {@code tls}, {@code trustStore},
 * {@code trustStorePassword}, {@code trustStoreType}, {@code keyStore}, {@code keyStorePassword},
 * {@code keyStoreType} and {@code verifyHost}. Without a trust store the JDK's default trusted CAs apply;
 * the key store (a client certificate) is needed only when the broker asks for one. Immutable;
 * {@link #toString()} hides the passwords.
 *
 * @param enabled whether to connect with TLS
 * @param trustStore path of the trust store, or null for the JDK's default CAs
 * @param trustStorePassword its password, or null
 * @param trustStoreType its format (default {@code PKCS12})
 * @param keyStore path of the key store holding the client certificate, or null
 * @param keyStorePassword its password (also the key's), or null
 * @param keyStoreType its format (default {@code PKCS12})
 * @param verifyHost whether the broker's certificate must match the host name or IP address connected to
 */
public record TlsOptions(boolean enabled, String trustStore, String trustStorePassword, String trustStoreType,
                         String keyStore, String keyStorePassword, String keyStoreType, boolean verifyHost) {
    public static final String TLS = "tls";
    public static final String TRUST_STORE = "trustStore";
    public static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    public static final String TRUST_STORE_TYPE = "trustStoreType";
    public static final String KEY_STORE = "keyStore";
    public static final String KEY_STORE_PASSWORD = "keyStorePassword";
    public static final String KEY_STORE_TYPE = "keyStoreType";
    public static final String VERIFY_HOST = "verifyHost";
    /** The option names, in documentation order. */
    public static final Set<String> NAMES = Set.of(TLS, TRUST_STORE, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, KEY_STORE,
            KEY_STORE_PASSWORD, KEY_STORE_TYPE, VERIFY_HOST);
    public static final String DEFAULT_STORE_TYPE = "PKCS12";
    /** No TLS. */
    public static final TlsOptions NONE = new TlsOptions(false, null, null, DEFAULT_STORE_TYPE, null, null,
            DEFAULT_STORE_TYPE, true);

    /**
     * The options given by name (absent ones take their defaults).
     *
     * @throws IllegalArgumentException naming the option whose value is not allowed
     */
    public static TlsOptions from(Map<String, String> values) {
        return new TlsOptions(bool(values, TLS, false), blankToNull(values.get(TRUST_STORE)),
                values.get(TRUST_STORE_PASSWORD), type(values, TRUST_STORE_TYPE), blankToNull(values.get(KEY_STORE)),
                values.get(KEY_STORE_PASSWORD), type(values, KEY_STORE_TYPE), bool(values, VERIFY_HOST, true));
    }

    /** The options that differ from the defaults, by name, as a URL would hold them (passwords included). */
    public Map<String, String> asValues() {
        Map<String, String> values = new LinkedHashMap<>();
        if (enabled) {
            values.put(TLS, "true");
        }
        putIfSet(values, TRUST_STORE, trustStore);
        putIfSet(values, TRUST_STORE_PASSWORD, trustStorePassword);
        if (!DEFAULT_STORE_TYPE.equals(trustStoreType)) {
            values.put(TRUST_STORE_TYPE, trustStoreType);
        }
        putIfSet(values, KEY_STORE, keyStore);
        putIfSet(values, KEY_STORE_PASSWORD, keyStorePassword);
        if (!DEFAULT_STORE_TYPE.equals(keyStoreType)) {
            values.put(KEY_STORE_TYPE, keyStoreType);
        }
        if (!verifyHost) {
            values.put(VERIFY_HOST, "false");
        }
        return values;
    }

    private static void putIfSet(Map<String, String> values, String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
    }

    private static boolean bool(Map<String, String> values, String name, boolean defaultValue) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option '" + name + "' must be true or false, was '"
                    + text + "'");
        };
    }

    private static String type(Map<String, String> values, String name) {
        String text = values.get(name);
        if (text == null) {
            return DEFAULT_STORE_TYPE;
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("option '" + name + "' must name a store type such as PKCS12 or JKS");
        }
        return text.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "TlsOptions[off]";
        }
        return "TlsOptions[trustStore=" + (trustStore == null ? "(JDK default)" : trustStore + " (" + trustStoreType
                + ")") + ", keyStore=" + (keyStore == null ? "none" : keyStore + " (" + keyStoreType + ")")
                + ", verifyHost=" + verifyHost + "]";
    }
}
