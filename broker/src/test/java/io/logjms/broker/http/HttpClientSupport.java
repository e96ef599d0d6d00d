package io.logjms.broker.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP requests to a broker's HTTP port, and reading single values out of a Prometheus scrape. */
final class HttpClientSupport {

    private HttpClientSupport() {
    }

    /** A response: status, the headers the tests look at, and the body as text. */
    record Response(int status, String contentType, String allow, String body) {
    }

    static Response get(int port, String path) throws IOException {
        return send(port, path, "GET");
    }

    static Response send(int port, String path, String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        c.setRequestMethod(method);
        try {
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, c.getContentType(), c.getHeaderField("Allow"), body);
        } finally {
            c.disconnect();
        }
    }

    /** The value of the series written exactly as {@code series} (name and labels), or NaN if absent. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
