package io.logjms.protocol.message;

/**
 * Writes primitive values into a byte array that the caller sized beforehand with the {@code
 * sizeOf...} helpers. Multi-byte fixed-width values are big-endian; varints are unsigned LEB128
 * (7 bits a byte, low bits first); signed varints are zigzag-encoded first.
 */
final class WireWriter {
    private final byte[] buffer;
    private int position;

    WireWriter(byte[] buffer, int offset) {
        this.buffer = buffer;
        this.position = offset;
    }

    int position() {
        return position;
    }

    void writeByte(int value) {
        buffer[position++] = (byte) value;
    }

    void writeShort(int value) {
        buffer[position++] = (byte) (value >> 8);
        buffer[position++] = (byte) value;
    }

    void writeInt(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[position++] = (byte) (value >> shift);
        }
    }

    void writeLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[position++] = (byte) (value >> shift);
        }
    }

    void writeVarInt(int value) {
        while ((value & ~0x7F) != 0) {
            buffer[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }

    void writeVarLong(long value) {
        while ((value & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }

    void writeZigZagInt(int value) {
        writeVarInt((value << 1) ^ (value >> 31));
    }

    void writeZigZagLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    /** Writes a varint byte length followed by the UTF-8 bytes. */
    void writeString(String value) {
        writeVarInt(Utf8.encodedLength(value));
        position = Utf8.encode(value, buffer, position);
    }

    /** Writes a varint length followed by the bytes. */
    void writeBytes(byte[] value) {
        writeVarInt(value.length);
        System.arraycopy(value, 0, buffer, position, value.length);
        position += value.length;
    }

    static int sizeOfVarInt(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            size++;
            value >>>= 7;
        }
        return size;
    }

    static int sizeOfVarLong(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            size++;
            value >>>= 7;
        }
        return size;
    }

    static int sizeOfZigZagInt(int value) {
        return sizeOfVarInt((value << 1) ^ (value >> 31));
    }

    static int sizeOfZigZagLong(long value) {
        return sizeOfVarLong((value << 1) ^ (value >> 63));
    }

    static int sizeOfString(String value) {
        int length = Utf8.encodedLength(value);
        return sizeOfVarInt(length) + length;
    }

    static int sizeOfBytes(byte[] value) {
        return sizeOfVarInt(value.length) + value.length;
    }
}
