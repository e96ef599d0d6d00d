package io.logjms.broker.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Checksummed entries, the broker's one framing for journals and state files. All integers big-endian.
 *
 * <pre>
 *  0               4               8
 *  +---------------+---------------+---------------------------+
 *  | length (int32)| CRC32C (int32)| payload (length bytes)    |
 *  +---------------+---------------+---------------------------+
 *                                  |&lt;-- covered by the CRC --&gt;|
 * </pre>
 *
 * A reader stops at the first entry that is cut short or fails its checksum: everything from there is a
 * torn tail (a crash during a write), which the owner of the file truncates. A payload is never empty.
 * Stateless.
 */
public final class ChecksummedEntries {
    /** Bytes before the payload: length and CRC. */
    public static final int HEADER_BYTES = 8;

    private ChecksummedEntries() {
    }

    /** What {@link #scan} found. */
    public record Scan(long validBytes, int entries, String problem) {
        /** Whether the bytes ended exactly after a whole entry. */
        public boolean clean() {
            return problem == null;
        }
    }

    /** Bytes one entry with a payload of {@code payloadLength} bytes takes. */
    public static int sizeOf(int payloadLength) {
        return HEADER_BYTES + payloadLength;
    }

    /** Writes one entry holding {@code payload}'s remaining bytes to {@code out}; payload is not moved. */
    public static void write(ByteBuffer out, ByteBuffer payload) {
        int length = payload.remaining();
        if (length == 0) {
            throw new IllegalArgumentException("an entry needs a payload");
        }
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        out.putInt(length).putInt((int) crc.getValue()).put(payload.duplicate());
    }

    /**
     * Starts an entry written in place into {@code out}: reserves the header and returns where the entry
     * starts. Put the payload, then {@link #seal}. For writers that buffer many entries without allocating.
     */
    public static int begin(ByteBuffer out) {
        int start = out.position();
        out.putInt(0).putInt(0);
        return start;
    }

    /** Fills in the header of the entry {@link #begin} started at {@code start}, whose payload ends at position. */
    public static void seal(ByteBuffer out, int start, CRC32C crc) {
        int length = out.position() - start - HEADER_BYTES;
        if (length <= 0) {
            throw new IllegalArgumentException("an entry needs a payload");
        }
        crc.reset();
        if (out.hasArray()) {
            crc.update(out.array(), out.arrayOffset() + start + HEADER_BYTES, length);
        } else {
            crc.update(out.duplicate().position(start + HEADER_BYTES).limit(out.position()));
        }
        out.putInt(start, length).putInt(start + 4, (int) crc.getValue());
    }

    /** One entry holding {@code payload}, in a buffer of its own ready to be written. */
    public static ByteBuffer entry(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(sizeOf(payload.length));
        write(out, ByteBuffer.wrap(payload));
        return out.flip();
    }

    /**
     * Reads the entries in {@code in}'s remaining bytes, handing each payload (a read-only slice, valid
     * while {@code in} is) to {@code onEntry}, up to the first torn or corrupt entry.
     */
    public static Scan scan(ByteBuffer in, Consumer<ByteBuffer> onEntry) {
        ByteBuffer all = in.duplicate();
        int start = all.position();
        int entries = 0;
        while (all.hasRemaining()) {
            int at = all.position();
            if (all.remaining() < HEADER_BYTES) {
                return new Scan(at - start, entries, "entry header cut short at byte " + (at - start));
            }
            int length = all.getInt();
            int storedCrc = all.getInt();
            if (length <= 0 || length > all.remaining()) {
                return new Scan(at - start, entries, "entry at byte " + (at - start) + " claims " + length
                        + " bytes, " + all.remaining() + " left");
            }
            ByteBuffer payload = all.slice(all.position(), length).asReadOnlyBuffer();
            CRC32C crc = new CRC32C();
            crc.update(payload.duplicate());
            if ((int) crc.getValue() != storedCrc) {
                return new Scan(at - start, entries, "entry at byte " + (at - start) + " fails its checksum");
            }
            onEntry.accept(payload);
            entries++;
            all.position(all.position() + length);
        }
        return new Scan(all.position() - start, entries, null);
    }

    /**
     * The size of the whole, intact entry starting at absolute {@code position} of {@code in} (within its
     * limit), or -1 if the bytes there are not one. For owners that look past a torn entry for a later intact
     * one, which a crash cannot leave and which therefore means damage.
     */
    public static int intactEntryAt(ByteBuffer in, int position) {
        if (position < 0 || in.limit() - position < HEADER_BYTES) {
            return -1;
        }
        int length = in.getInt(position);
        if (length <= 0 || length > in.limit() - position - HEADER_BYTES) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(in.slice(position + HEADER_BYTES, length));
        return (int) crc.getValue() == in.getInt(position + 4) ? HEADER_BYTES + length : -1;
    }

    /** The whole content of a file (state files are small). */
    public static ByteBuffer readFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readAll(channel);
        }
    }

    /** The whole content of an open channel, read from position 0. */
    public static ByteBuffer readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE) {
            throw new IOException("state file of " + size + " bytes is too large");
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining()) {
            if (channel.read(all, all.position()) < 0) {
                break;
            }
        }
        return all.flip();
    }

    /**
     * Replaces {@code file} by {@code content} so that a crash leaves either the old or the new file whole:
     * written to {@code <file>.tmp}, forced, renamed over {@code file}, then the directory forced.
     */
    public static void writeFileAtomically(Path file, ByteBuffer content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = content.duplicate();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(file.toAbsolutePath().getParent());
    }

    /** Forces a directory's entries (files created, renamed or deleted in it) to disk. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
