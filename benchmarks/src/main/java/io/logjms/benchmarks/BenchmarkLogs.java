package io.logjms.benchmarks;

import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Batches and scratch directories shared by the storage benchmarks. */
final class BenchmarkLogs {
    static final int RECORD_BYTES = 1024;
    static final double MIB = 1024.0 * 1024.0;

    private BenchmarkLogs() {
    }

    /** A batch of {@code records} records with 1 KiB values. */
    static ByteBuffer batchOf(int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(records * (RECORD_BYTES + 32));
        byte[] value = new byte[RECORD_BYTES];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < records; i++) {
            builder.append(now, null, null, value);
        }
        return builder.build();
    }

    /**
     * A fresh directory for a log, under {@code -Dlogjms.bench.dir} if set, else the temp directory
     * (which must be on a real disk for the fsync figures to mean anything).
     */
    static Path newDirectory(String prefix) {
        try {
            String base = System.getProperty("logjms.bench.dir");
            return base == null ? Files.createTempDirectory(prefix)
                    : Files.createTempDirectory(Files.createDirectories(Path.of(base)), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
