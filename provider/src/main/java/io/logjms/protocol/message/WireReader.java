package io.logjms.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link WireWriter} wrote, checking every length against the bytes that are left: a
 * read past the end, an overlong varint or invalid UTF-8 throws {@link MalformedMessageException}.
 */
final class WireReader {
    private final byte[] buffer;
    private final int start;
    private final int limit;
    private int position;

    WireReader(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IndexOutOfBoundsException(
                    "range [" + offset + ", " + offset + "+" + length + ") outside array of " + buffer.length);
        }
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
        this.limit = offset + length;
    }

    int remaining() {
        return limit - position;
    }

    /** The offset of the next byte, counted from the start of the decoded range. */
    int offset() {
        return position - start;
    }

    int readUnsignedByte() {
        require(1);
        return buffer[position++] & 0xFF;
    }

    short readShort() {
        require(2);
        int value = ((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF);
        position += 2;
        return (short) value;
    }

    int readInt() {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (buffer[position++] & 0xFF);
        }
        return value;
    }

    long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buffer[position++] & 0xFF);
        }
        return value;
    }

    int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readUnsignedByte();
            if (shift == 28 && (b & 0xF0) != 0) {
                throw malformed("varint does not fit in 32 bits");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("varint does not fit in 32 bits");
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readUnsignedByte();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw malformed("varint does not fit in 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("varint does not fit in 64 bits");
    }

    int readZigZagInt() {
        int raw = readVarInt();
        return (raw >>> 1) ^ -(raw & 1);
    }

    long readZigZagLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /**
     * Reads a count of items that each take at least {@code minBytesPerItem} bytes, so a forged
     * count can never make a decoder loop or allocate beyond what the input can hold.
     */
    int readCount(String what, int minBytesPerItem) {
        int count = readVarInt();
        if (count < 0 || (long) count * minBytesPerItem > remaining()) {
            throw malformed(what + " count " + Integer.toUnsignedString(count) + " exceeds the "
                    + remaining() + " bytes left");
        }
        return count;
    }

    String readString() {
        int length = readLength("string");
        if (!Utf8.isWellFormed(buffer, position, length)) {
            throw malformed("string of " + length + " bytes is not well-formed UTF-8");
        }
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Steps over a length-prefixed string or byte array without looking at its content. */
    void skipLengthPrefixed() {
        int length = readLength("field");
        position += length;
    }

    byte[] readBytes() {
        int length = readLength("byte array");
        byte[] value = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return value;
    }

    /** Fails unless every byte of the range was read. */
    void requireFullyRead(String what) {
        if (position != limit) {
            throw malformed(remaining() + " unexpected trailing bytes after the " + what);
        }
    }

    MalformedMessageException malformed(String problem) {
        return new MalformedMessageException(problem + " (at offset " + offset() + ")");
    }

    private int readLength(String what) {
        int length = readVarInt();
        if (length < 0 || length > remaining()) {
            throw malformed(what + " length " + Integer.toUnsignedString(length) + " exceeds the "
                    + remaining() + " bytes left");
        }
        return length;
    }

    private void require(int bytes) {
        if (remaining() < bytes) {
            throw malformed("truncated input: needed " + bytes + " more bytes, " + remaining() + " left");
        }
    }
}
