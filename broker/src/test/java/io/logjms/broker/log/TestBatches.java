package io.logjms.broker.log;

import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Builds record batches and temporary directories for the log tests. */
final class TestBatches {
    private TestBatches() {
    }

    /** A batch of {@code records} records of {@code valueBytes} bytes, all at {@code timestamp}. */
    static ByteBuffer batch(int records, int valueBytes, long timestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(records * (valueBytes + 16));
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[valueBytes];
            for (int j = 0; j < valueBytes; j++) {
                value[j] = (byte) (i * 31 + j);
            }
            builder.append(timestamp, null, null, value);
        }
        return builder.build();
    }

    /** A batch whose records carry timestamps {@code first} and {@code max}. */
    static ByteBuffer batchWithTimestamps(int records, int valueBytes, long first, long max) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < records; i++) {
            builder.append(i == records - 1 ? max : first, null, null, new byte[valueBytes]);
        }
        return builder.build();
    }

    /** A copy of {@code batch} as the log stores it: base offset assigned, epoch as given. */
    static ByteBuffer stored(ByteBuffer batch, long baseOffset) {
        ByteBuffer copy = copy(batch);
        new RecordBatch(copy, 0).setBaseOffset(baseOffset);
        return copy;
    }

    static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("logjms-log-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] fileNames(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
