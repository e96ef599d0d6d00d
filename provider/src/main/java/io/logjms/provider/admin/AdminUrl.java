package io.logjms.provider.admin;

import io.logjms.provider.tls.TlsOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the admin client connects: {@code logjms://host[:port][?user=NAME&password=SECRET&tls=true&...]},
 * with the TLS options of {@link TlsOptions}. The port defaults to {@value #DEFAULT_PORT}; option values
 * are URL-decoded (a password may contain {@code &} as {@code %26}). {@link #toString()} hides the passwords.
 */
public record AdminUrl(String host, int port, String user, String password, TlsOptions tls) {
    /** The broker's default port. */
    public static final int DEFAULT_PORT = 7878;
    private static final Set<String> OPTIONS = options();

    public AdminUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /** A URL without TLS. */
    public AdminUrl(String host, int port, String user, String password) {
        this(host, port, user, password, TlsOptions.NONE);
    }

    private static Set<String> options() {
        Set<String> names = new java.util.TreeSet<>(TlsOptions.NAMES);
        names.add("user");
        names.add("password");
        return Set.copyOf(names);
    }

    /** Parses a URL; the exception names what is wrong (scheme, host, port, unknown options). */
    public static AdminUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid logjms URL '" + url + "': " + e.getMessage(), e);
        }
        if (!"logjms".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("invalid logjms URL '" + url + "': expected logjms://host:port");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("invalid logjms URL '" + url + "': no host (or a port that is not a number)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("invalid logjms URL '" + url
                    + "': only logjms://host:port[?option=value&...] is allowed");
        }
        Map<String, String> options = options(url, uri.getRawQuery());
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        Map<String, String> tlsValues = new LinkedHashMap<>(options);
        tlsValues.keySet().retainAll(TlsOptions.NAMES);
        TlsOptions tls;
        try {
            tls = TlsOptions.from(tlsValues);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid logjms URL: " + e.getMessage(), e);
        }
        return new AdminUrl(host, port, options.get("user"), options.get("password"), tls);
    }

    private static Map<String, String> options(String url, String rawQuery) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        List<String> unknown = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!OPTIONS.contains(key)) {
                unknown.add(key);
            } else if (options.put(key, value) != null) {
                throw new IllegalArgumentException("invalid logjms URL '" + url + "': option '" + key + "' given twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) in logjms URL: " + String.join(", ", unknown)
                    + " (known: user, password, " + String.join(", ", new java.util.TreeSet<>(TlsOptions.NAMES)) + ")");
        }
        return options;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        StringBuilder sb = new StringBuilder("logjms://").append(h).append(':').append(port);
        if (user != null) {
            sb.append("?user=").append(user);
        }
        if (password != null) {
            sb.append(user != null ? '&' : '?').append("password=***");
        }
        if (tls.enabled()) {
            sb.append(user != null || password != null ? '&' : '?').append("tls=true");
        }
        return sb.toString();
    }
}
