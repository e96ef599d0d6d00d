package io.logjms.broker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.logjms.broker.admin.Json;
import io.logjms.broker.metrics.BrokerHealth;
import io.logjms.broker.metrics.BrokerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's HTTP port ({@code http.port}): {@code GET /metrics} (Prometheus text), {@code GET /health},
 * the console's JSON under {@code /api/} and the console itself at {@code /}. Served by the JDK's HTTP server
 * on a thread of its own, never on the client event loop. Read-only: anything but GET and HEAD gets 405.
 */
public final class HttpFrontEnd implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpFrontEnd.class);
    private static final String JSON = "application/json; charset=utf-8";
    /** Micrometer's Prometheus registry writes the text format 0.0.4. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final String host;
    private final int port;
    private final BrokerMetrics metrics;
    private final BrokerHealth health;
    private final ConsoleApi api;
    private HttpServer server;
    private ExecutorService executor;

    public HttpFrontEnd(String host, int port, BrokerMetrics metrics, BrokerHealth health, ConsoleSource broker) {
        this.host = host;
        this.port = port;
        this.metrics = metrics;
        this.health = health;
        this.api = new ConsoleApi(broker, metrics, Clock.systemUTC());
    }

    /** Binds the port; throws, naming the address, when it cannot. */
    public void start() throws BindException {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            BindException named = new BindException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "logjms-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", get(ex -> send(ex, 200, PROMETHEUS_TEXT, metrics.scrape())));
        server.createContext("/health", get(ex -> {
            BrokerHealth.Report report = health.check();
            send(ex, report.httpStatus(), JSON, Json.write(report.toJson()));
        }));
        server.createContext("/api/broker", get(ex -> json(ex, api.broker())));
        server.createContext("/api/destinations", get(ex -> json(ex, api.destinations())));
        server.createContext("/api/subscriptions", get(ex -> json(ex, api.subscriptions())));
        server.createContext("/", get(this::console));
        server.start();
    }

    /** The bound port (the chosen one when configured as 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return host;
    }

    private void console(HttpExchange ex) throws IOException {
        ConsoleResources.Resource resource = ConsoleResources.find(ex.getRequestURI().getPath());
        if (resource == null) {
            send(ex, 404, "text/plain; charset=utf-8", "no such page: " + ex.getRequestURI().getPath() + "\n");
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        send(ex, 200, resource.contentType(), resource.bytes());
    }

    private static void json(HttpExchange ex, Map<String, Object> body) throws IOException {
        send(ex, 200, JSON, Json.write(body));
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** Answers GET and HEAD; a failure becomes a 500 with its message, logged, so the port keeps serving. */
    private static HttpHandler get(Handler handler) {
        return ex -> {
            try (ex) {
                drain(ex.getRequestBody());
                String method = ex.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(ex, 405, "text/plain; charset=utf-8", method + " is not allowed: this port is read-only\n");
                    return;
                }
                handler.handle(ex);
            } catch (IOException e) {
                log.debug("HTTP exchange {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            } catch (RuntimeException e) {
                log.warn("HTTP request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
                try {
                    send(ex, 500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
                } catch (IOException | RuntimeException ignored) {
                    // the headers were sent already: the client sees the connection end
                }
            }
        };
    }

    private static void drain(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "HTTP on " + host + ":" + (server == null ? port : port());
    }
}
