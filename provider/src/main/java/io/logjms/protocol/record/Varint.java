package io.logjms.protocol.record;

import java.nio.ByteBuffer;

/** Zig-zag variable-length integers as used by {@link RecordLayout}. */
public final class Varint {
    private Varint() {
    }

    public static int sizeOfInt(int value) {
        return sizeOfUnsigned((value << 1) ^ (value >> 31));
    }

    public static int sizeOfLong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & 0xffffffffffffff80L) != 0L) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    private static int sizeOfUnsigned(int v) {
        int bytes = 1;
        while ((v & 0xffffff80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    public static void writeInt(int value, ByteBuffer out) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    public static void writeLong(long value, ByteBuffer out) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0L) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    /** Reads a zig-zag varint; throws {@link InvalidRecordException} on overlong or truncated input. */
    public static int readInt(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.hasRemaining()) {
                throw new InvalidRecordException("truncated varint");
            }
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new InvalidRecordException("varint longer than 5 bytes");
    }

    /** Reads a zig-zag varlong; throws {@link InvalidRecordException} on overlong or truncated input. */
    public static long readLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (!in.hasRemaining()) {
                throw new InvalidRecordException("truncated varlong");
            }
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new InvalidRecordException("varlong longer than 10 bytes");
    }
}
