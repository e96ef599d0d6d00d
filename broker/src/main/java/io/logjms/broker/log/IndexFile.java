package io.logjms.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;

/**
 * The file behind an index: read whole when a segment is loaded, appended to while the segment is
 * active, rewritten whole (through a {@code .tmp} file and a rename) when recovery rebuilds it.
 * Not thread-safe: used by the single appender of the segment.
 */
final class IndexFile {
    private final Path path;
    private final FileChannelOpener opener;
    private FileChannel channel;
    private long writePosition;

    IndexFile(Path path, FileChannelOpener opener) {
        this.path = path;
        this.opener = opener;
    }

    Path path() {
        return path;
    }

    /** The whole file content (position 0, limit = size), or null if the file does not exist. */
    ByteBuffer readAll() throws IOException {
        try (FileChannel in = opener.open(path, EnumSet.of(StandardOpenOption.READ))) {
            long size = in.size();
            if (size > Integer.MAX_VALUE) {
                throw new CorruptSegmentException("index " + path + " is " + size + " bytes long");
            }
            ByteBuffer content = ByteBuffer.allocate((int) size);
            while (content.hasRemaining() && in.read(content, content.position()) >= 0) {
                // keep reading until full or end of file
            }
            return content.flip();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Opens the file for appends after its first {@code validBytes} bytes, cutting anything beyond. */
    void openForAppend(long validBytes) throws IOException {
        if (channel == null) {
            channel = opener.open(path, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
        }
        if (channel.size() > validBytes) {
            channel.truncate(validBytes);
        }
        writePosition = validBytes;
    }

    /** Appends one entry when open for appends; otherwise the entry lives only in memory. */
    void append(ByteBuffer entry) throws IOException {
        if (channel == null) {
            return;
        }
        while (entry.hasRemaining()) {
            writePosition += channel.write(entry, writePosition);
        }
    }

    /** Replaces the file with {@code content}, forced to disk, through a temporary file and a rename. */
    void rewrite(ByteBuffer content) throws IOException {
        boolean reopen = channel != null;
        closeChannel();
        Path tmp = LogFileNames.withSuffix(path, LogFileNames.TMP_SUFFIX);
        try (FileChannel out = opener.open(tmp, EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))) {
            long position = 0;
            while (content.hasRemaining()) {
                position += out.write(content, position);
            }
            out.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (reopen) {
            openForAppend(Files.size(path));
        }
    }

    void flush() throws IOException {
        if (channel != null) {
            channel.force(true);
        }
    }

    /** Forces and closes the append channel; the in-memory entries stay usable. */
    void closeForAppend() throws IOException {
        if (channel != null) {
            channel.force(true);
            closeChannel();
        }
    }

    void closeChannel() throws IOException {
        FileChannel c = channel;
        channel = null;
        if (c != null) {
            c.close();
        }
    }
}
