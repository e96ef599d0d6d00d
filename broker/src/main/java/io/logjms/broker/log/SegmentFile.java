package io.logjms.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;

/**
 * The {@code .log} file of a segment: record batches back to back, each exactly as
 * {@link io.logjms.protocol.record.RecordBatchLayout} describes, with the broker-assigned base offset
 * (and leader epoch) in its header. Nothing else is in the file: no header, no padding.
 *
 * <p>Thread safety: positional reads may run concurrently with the single appender's positional
 * writes; {@link #renameTo} and {@link #close} are called under the partition lock.
 */
final class SegmentFile {
    private final FileChannel channel;
    private volatile Path path;

    private SegmentFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates a new, empty file; fails if one exists. */
    static SegmentFile create(Path path, FileChannelOpener opener) throws IOException {
        return new SegmentFile(path, opener.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)));
    }

    static SegmentFile open(Path path, FileChannelOpener opener) throws IOException {
        return new SegmentFile(path, opener.open(path, EnumSet.of(StandardOpenOption.READ,
                StandardOpenOption.WRITE)));
    }

    FileChannel channel() {
        return channel;
    }

    Path path() {
        return path;
    }

    long fileSize() throws IOException {
        return channel.size();
    }

    /** Writes all of {@code bytes} at {@code position}. */
    void write(ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    /** Fills {@code dst} from {@code position}; fails if the file ends first. */
    void readFully(ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                throw new CorruptSegmentException(path + " ends at " + at + ", " + dst.remaining()
                        + " bytes short of what was expected");
            }
            at += n;
        }
    }

    void truncate(long size) throws IOException {
        channel.truncate(size);
    }

    /** fsync of the data (and of the file size, which changes on append). */
    void force() throws IOException {
        channel.force(false);
    }

    void renameTo(Path target) throws IOException {
        Files.move(path, target);
        path = target;
    }

    void close() throws IOException {
        channel.close();
    }
}
