package io.logjms.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory for a provider's data that is removed with everything in it when closed. It is created under the
 * directory named by the system property {@value #BASE_PROPERTY} (the build sets it inside {@code target/}, so a
 * killed run leaves nothing outside the build directory), or under the system temporary directory.
 */
public final class TemporaryDirectory implements AutoCloseable {

    public static final String BASE_PROPERTY = "compat.data.dir";

    private final Path path;

    private TemporaryDirectory(Path path) {
        this.path = path;
    }

    /** Creates a new empty directory whose name starts with {@code prefix}. */
    public static TemporaryDirectory create(String prefix) {
        try {
            String base = System.getProperty(BASE_PROPERTY, "").trim();
            if (base.isEmpty()) {
                return new TemporaryDirectory(Files.createTempDirectory(prefix));
            }
            Path baseDirectory = Files.createDirectories(Path.of(base));
            return new TemporaryDirectory(Files.createTempDirectory(baseDirectory, prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for " + prefix, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the directory tree. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path entry : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }
}
