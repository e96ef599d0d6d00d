package io.logjms.broker.log;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Names of the files in a partition directory. */
final class LogFileNames {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** A producer-state snapshot, named by the offset up to which (exclusive) it holds the state. */
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    /** Appended to the files of a segment removed by retention until they are deleted. */
    static final String DELETED_SUFFIX = ".deleted";
    /** Suffix of a file being written before it is renamed into place. */
    static final String TMP_SUFFIX = ".tmp";
    /** Present in a partition directory only between a clean close and the next open. */
    static final String CLEAN_SHUTDOWN_FILE = ".clean_shutdown";

    private static final int BASE_OFFSET_DIGITS = 20;

    private LogFileNames() {
    }

    /** The 20-digit, zero-padded base offset that names a segment's files. */
    static String baseName(long baseOffset) {
        String digits = Long.toString(baseOffset);
        return "0".repeat(BASE_OFFSET_DIGITS - digits.length()) + digits;
    }

    static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG_SUFFIX);
    }

    static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX_SUFFIX);
    }

    static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX_SUFFIX);
    }

    static Path snapshotFile(Path dir, long offset) {
        return dir.resolve(baseName(offset) + SNAPSHOT_SUFFIX);
    }

    static Path withSuffix(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** The base offset of a file named {@code <20 digits><suffix>}, or empty for any other name. */
    static OptionalLong parseBaseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != BASE_OFFSET_DIGITS + suffix.length()) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(0, BASE_OFFSET_DIGITS);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
