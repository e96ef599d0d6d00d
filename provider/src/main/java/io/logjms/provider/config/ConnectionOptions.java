package io.logjms.provider.config;

import io.logjms.provider.message.ObjectMessageAllowList;
import io.logjms.provider.tls.TlsOptions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a connection needs to know before it connects: the brokers to try, in order, and the
 * values of every {@link ConnectionOption}. Built by {@link ConnectionUrl#parse}; immutable.
 *
 * @param brokers the brokers to try, in order; the first that answers is used
 * @param clientId the administratively configured client id, or null
 * @param user the user name, or null for anonymous
 * @param password the password, or null
 * @param prefetch consumer credit in records, at least 1
 * @param connectTimeout how long to wait for one broker to accept the connection and the handshake
 * @param requestTimeout how long to wait for the answer to a request
 * @param objectMessageAllowList the classes a received ObjectMessage may deserialize
 * @param autoCreate whether the broker creates destinations on first use
 * @param reconnectTimeout how long to keep reconnecting after the connection was lost; zero: not at all
 * @param tls whether and how to connect with TLS
 */
public record ConnectionOptions(List<BrokerAddress> brokers, String clientId, String user, String password,
                                int prefetch, Duration connectTimeout, Duration requestTimeout,
                                ObjectMessageAllowList objectMessageAllowList, boolean autoCreate,
                                Duration reconnectTimeout, TlsOptions tls) {
    public static final String DEFAULT_URL = "logjms://localhost:7878";
    public static final int DEFAULT_PORT = 7878;
    public static final int DEFAULT_PREFETCH = 1000;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECONNECT_TIMEOUT = Duration.ofSeconds(60);

    public ConnectionOptions {
        brokers = List.copyOf(brokers);
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("at least one broker address is needed");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(objectMessageAllowList, "objectMessageAllowList");
        Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
        if (reconnectTimeout.isNegative()) {
            throw new IllegalArgumentException("reconnectTimeout must not be negative, was " + reconnectTimeout);
        }
        Objects.requireNonNull(tls, "tls");
    }

    /** Whether the client reconnects after losing the connection to the broker. */
    public boolean reconnects() {
        return !reconnectTimeout.isZero();
    }

    /** These options with another user and password (for {@code createConnection(user, password)}). */
    public ConnectionOptions withCredentials(String newUser, String newPassword) {
        return new ConnectionOptions(brokers, clientId, newUser, newPassword, prefetch, connectTimeout,
                requestTimeout, objectMessageAllowList, autoCreate, reconnectTimeout, tls);
    }

    /** The option values as they would be written in a URL (password included), for rebuilding. */
    public Map<ConnectionOption, String> asOptionValues() {
        Map<ConnectionOption, String> values = new EnumMap<>(ConnectionOption.class);
        if (clientId != null) {
            values.put(ConnectionOption.CLIENT_ID, clientId);
        }
        if (user != null) {
            values.put(ConnectionOption.USER, user);
        }
        if (password != null) {
            values.put(ConnectionOption.PASSWORD, password);
        }
        values.put(ConnectionOption.PREFETCH, Integer.toString(prefetch));
        values.put(ConnectionOption.CONNECT_TIMEOUT, Long.toString(connectTimeout.toMillis()));
        values.put(ConnectionOption.REQUEST_TIMEOUT, Long.toString(requestTimeout.toMillis()));
        values.put(ConnectionOption.OBJECT_MESSAGE_ALLOW_LIST, objectMessageAllowList.toString());
        values.put(ConnectionOption.AUTO_CREATE, Boolean.toString(autoCreate));
        values.put(ConnectionOption.RECONNECT_TIMEOUT, Long.toString(reconnectTimeout.toMillis()));
        tls.asValues().forEach((name, value) -> values.put(ConnectionOption.byKey(name).orElseThrow(), value));
        return values;
    }

    @Override
    public String toString() {
        return "ConnectionOptions[brokers=" + brokers + ", clientId=" + clientId + ", user=" + user
                + ", password=" + (password == null ? "none" : "****") + ", prefetch=" + prefetch
                + ", connectTimeout=" + connectTimeout.toMillis() + "ms, requestTimeout="
                + requestTimeout.toMillis() + "ms, objectMessageAllowList=" + objectMessageAllowList
                + ", autoCreate=" + autoCreate + ", reconnectTimeout=" + reconnectTimeout.toMillis() + "ms, tls="
                + tls + "]";
    }
}
