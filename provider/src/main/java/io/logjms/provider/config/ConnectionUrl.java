package io.logjms.provider.config;

import io.logjms.provider.message.ObjectMessageAllowList;
import io.logjms.provider.tls.TlsOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses logjms URLs: {@code logjms://host:port[,host:port...][?option=value&...]}. The port defaults
 * to {@value ConnectionOptions#DEFAULT_PORT}; an IPv6 address is written in brackets
 * ({@code [::1]:7878}); option values are URL-encoded (so a password may hold {@code &} as
 * {@code %26}). Option names are those of {@link ConnectionOption}, in exact case. Stateless.
 */
public final class ConnectionUrl {
    public static final String SCHEME = "logjms://";

    private ConnectionUrl() {
    }

    /** Parses a URL with no option overrides. */
    public static ConnectionOptions parse(String url) throws InvalidConnectionUrlException {
        return parse(url, Map.of());
    }

    /**
     * The URL as it may be shown in messages and logs: the value of a {@code password} option is
     * replaced by {@code ****}.
     */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)([?&](?:" + ConnectionOption.PASSWORD.key() + "|"
                + ConnectionOption.TRUST_STORE_PASSWORD.key() + "|" + ConnectionOption.KEY_STORE_PASSWORD.key()
                + ")=)[^&]*", "$1****");
    }

    /**
     * Parses a URL, then applies {@code overrides} (set on a connection factory) over the URL's options.
     *
     * @throws InvalidConnectionUrlException naming the malformed part, the unknown option or the bad value
     */
    public static ConnectionOptions parse(String url, Map<ConnectionOption, String> overrides)
            throws InvalidConnectionUrlException {
        if (url == null || url.isBlank()) {
            throw new InvalidConnectionUrlException("the logjms URL is empty; expected " + SCHEME + "host:port");
        }
        String trimmed = url.trim();
        String shown = masked(url);
        if (!trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new InvalidConnectionUrlException("invalid logjms URL '" + shown + "': it must start with " + SCHEME);
        }
        String rest = trimmed.substring(SCHEME.length());
        int query = rest.indexOf('?');
        String hostPart = query < 0 ? rest : rest.substring(0, query);
        String queryPart = query < 0 ? "" : rest.substring(query + 1);
        List<BrokerAddress> brokers = parseBrokers(shown, hostPart);
        Map<ConnectionOption, String> values = parseQuery(shown, queryPart);
        values.putAll(overrides);
        return build(brokers, values);
    }

    private static List<BrokerAddress> parseBrokers(String url, String hostPart) throws InvalidConnectionUrlException {
        if (hostPart.endsWith("/")) {
            hostPart = hostPart.substring(0, hostPart.length() - 1);
        }
        List<BrokerAddress> brokers = new ArrayList<>();
        for (String entry : hostPart.split(",", -1)) {
            brokers.add(parseBroker(url, entry.trim()));
        }
        return brokers;
    }

    private static BrokerAddress parseBroker(String url, String entry) throws InvalidConnectionUrlException {
        if (entry.isEmpty()) {
            throw new InvalidConnectionUrlException("invalid logjms URL '" + url + "': empty broker address");
        }
        String host;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new InvalidConnectionUrlException("invalid logjms URL '" + url + "': unclosed '[' in '"
                        + entry + "'");
            }
            host = entry.substring(1, close);
            String after = entry.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidConnectionUrlException("invalid logjms URL '" + url + "': unexpected '"
                            + after + "' after " + entry.substring(0, close + 1));
                }
                port = after.substring(1);
            }
        } else {
            int colon = entry.lastIndexOf(':');
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new InvalidConnectionUrlException("invalid logjms URL '" + url + "': write the IPv6 address in '"
                        + entry + "' in brackets, as [address]:port");
            }
        }
        if (host.isEmpty() || host.indexOf('/') >= 0 || host.indexOf('@') >= 0) {
            throw new InvalidConnectionUrlException("invalid logjms URL '" + url + "': bad host in '" + entry + "'");
        }
        int portNumber = ConnectionOptions.DEFAULT_PORT;
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (portNumber < 1 || portNumber > 65535) {
                throw new InvalidConnectionUrlException("invalid logjms URL '" + url + "': port '" + port + "' of "
                        + host + " is not a number between 1 and 65535");
            }
        }
        return new BrokerAddress(host, portNumber);
    }

    private static Map<ConnectionOption, String> parseQuery(String url, String query)
            throws InvalidConnectionUrlException {
        Map<ConnectionOption, String> values = new EnumMap<>(ConnectionOption.class);
        if (query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConnectionUrlException("invalid logjms URL '" + url + "': option '" + pair
                        + "' is not written as name=value");
            }
            String name = pair.substring(0, eq);
            ConnectionOption option = ConnectionOption.byKey(name).orElseThrow(() ->
                    new InvalidConnectionUrlException("unknown option '" + name + "' in logjms URL '" + url
                            + "'; known options: " + ConnectionOption.allKeys()));
            if (values.containsKey(option)) {
                throw new InvalidConnectionUrlException("option '" + name + "' appears twice in logjms URL '"
                        + url + "'");
            }
            try {
                values.put(option, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidConnectionUrlException("option '" + name + "' in logjms URL '" + url
                        + "' is not correctly URL-encoded: " + e.getMessage());
            }
        }
        return values;
    }

    private static ConnectionOptions build(List<BrokerAddress> brokers, Map<ConnectionOption, String> values)
            throws InvalidConnectionUrlException {
        String clientId = emptyToNull(values.get(ConnectionOption.CLIENT_ID));
        String user = emptyToNull(values.get(ConnectionOption.USER));
        String password = values.get(ConnectionOption.PASSWORD);
        int prefetch = ConnectionOptions.DEFAULT_PREFETCH;
        if (values.containsKey(ConnectionOption.PREFETCH)) {
            prefetch = (int) parseLong(values, ConnectionOption.PREFETCH, 1, Integer.MAX_VALUE);
        }
        Duration connectTimeout = ConnectionOptions.DEFAULT_CONNECT_TIMEOUT;
        if (values.containsKey(ConnectionOption.CONNECT_TIMEOUT)) {
            connectTimeout = Duration.ofMillis(parseLong(values, ConnectionOption.CONNECT_TIMEOUT, 1, Integer.MAX_VALUE));
        }
        Duration requestTimeout = ConnectionOptions.DEFAULT_REQUEST_TIMEOUT;
        if (values.containsKey(ConnectionOption.REQUEST_TIMEOUT)) {
            requestTimeout = Duration.ofMillis(parseLong(values, ConnectionOption.REQUEST_TIMEOUT, 1, Long.MAX_VALUE));
        }
        ObjectMessageAllowList allowList = ObjectMessageAllowList.DEFAULT;
        String allowListText = values.get(ConnectionOption.OBJECT_MESSAGE_ALLOW_LIST);
        if (allowListText != null) {
            try {
                allowList = ObjectMessageAllowList.parse(allowListText);
            } catch (IllegalArgumentException e) {
                throw new InvalidConnectionUrlException("option '" + ConnectionOption.OBJECT_MESSAGE_ALLOW_LIST.key()
                        + "': " + e.getMessage());
            }
        }
        boolean autoCreate = true;
        String autoCreateText = values.get(ConnectionOption.AUTO_CREATE);
        if (autoCreateText != null) {
            autoCreate = switch (autoCreateText.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidConnectionUrlException("option '" + ConnectionOption.AUTO_CREATE.key()
                        + "' must be true or false, was '" + autoCreateText + "'");
            };
        }
        Duration reconnectTimeout = ConnectionOptions.DEFAULT_RECONNECT_TIMEOUT;
        if (values.containsKey(ConnectionOption.RECONNECT_TIMEOUT)) {
            reconnectTimeout = Duration.ofMillis(parseLong(values, ConnectionOption.RECONNECT_TIMEOUT, 0,
                    Long.MAX_VALUE, " (milliseconds to keep reconnecting; 0 turns reconnecting off)"));
        }
        Map<String, String> tlsValues = new java.util.HashMap<>();
        values.forEach((option, value) -> {
            if (TlsOptions.NAMES.contains(option.key())) {
                tlsValues.put(option.key(), value);
            }
        });
        TlsOptions tls;
        try {
            tls = TlsOptions.from(tlsValues);
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionUrlException(e.getMessage());
        }
        return new ConnectionOptions(brokers, clientId, user, password, prefetch, connectTimeout, requestTimeout,
                allowList, autoCreate, reconnectTimeout, tls);
    }

    private static long parseLong(Map<ConnectionOption, String> values, ConnectionOption option, long min, long max)
            throws InvalidConnectionUrlException {
        return parseLong(values, option, min, max, "");
    }

    private static long parseLong(Map<ConnectionOption, String> values, ConnectionOption option, long min, long max,
                                  String meaning) throws InvalidConnectionUrlException {
        String text = values.get(option).trim();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidConnectionUrlException("option '" + option.key() + "' must be a whole number" + meaning
                    + ", was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new InvalidConnectionUrlException("option '" + option.key() + "' must be between " + min + " and "
                    + max + meaning + ", was " + value);
        }
        return value;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
