package io.logjms.broker.metadata;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Forcing directory entries to disk, so that a created or renamed file survives a crash. */
final class FileSync {
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private FileSync() {
    }

    /** Forces the directory's entries to disk; a no-op on Windows, which cannot open a directory this way. */
    static void directory(Path directory) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
