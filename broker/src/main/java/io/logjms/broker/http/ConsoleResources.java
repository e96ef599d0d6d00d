package io.logjms.broker.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The console's files, served from the jar ({@code io/logjms/broker/http/console/}); nothing is fetched elsewhere. */
final class ConsoleResources {
    private static final String FOLDER = "console/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/console.js", "console.js",
            "/console.css", "console.css");

    record Resource(String contentType, byte[] bytes) {
    }

    private ConsoleResources() {
    }

    /** The file served at {@code path}, or null if there is none. */
    static Resource find(String path) {
        String file = FILES.get(path);
        if (file == null) {
            return null;
        }
        try (InputStream in = ConsoleResources.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("console file " + FOLDER + file + " is missing from the jar");
            }
            return new Resource(contentType(file), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "text/css; charset=utf-8";
    }
}
