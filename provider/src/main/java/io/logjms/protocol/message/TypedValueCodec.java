package io.logjms.protocol.message;

/**
 * One typed value: a tag byte, then the value.
 *
 * <pre>
 *  tag  type       value bytes
 *   0   null       (none)
 *   1   false      (none)
 *   2   true       (none)
 *   3   Byte       1
 *   4   Short      2, big-endian
 *   5   Character  2, big-endian UTF-16 code unit
 *   6   Integer    zigzag varint
 *   7   Long       zigzag varlong
 *   8   Float      4, big-endian IEEE 754 bits
 *   9   Double     8, big-endian IEEE 754 bits
 *  10   String     varint byte length + UTF-8
 *  11   byte[]     varint length + bytes
 * </pre>
 *
 * Properties use tags 0-4 and 6-10; map and stream bodies use them all.
 */
final class TypedValueCodec {
    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int BYTE = 3;
    static final int SHORT = 4;
    static final int CHAR = 5;
    static final int INT = 6;
    static final int LONG = 7;
    static final int FLOAT = 8;
    static final int DOUBLE = 9;
    static final int STRING = 10;
    static final int BYTES = 11;

    /** What a value set may hold: properties hold neither characters nor byte arrays. */
    enum ValueSet {
        PROPERTY, BODY
    }

    private TypedValueCodec() {
    }

    /** Whether {@code value} can be encoded in the given value set. */
    static boolean isEncodable(Object value, ValueSet set) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Byte
                || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double) {
            return true;
        }
        return set == ValueSet.BODY && (value instanceof Character || value instanceof byte[]);
    }

    static int sizeOf(Object value) {
        if (value == null || value instanceof Boolean) {
            return 1;
        }
        if (value instanceof String s) {
            return 1 + WireWriter.sizeOfString(s);
        }
        if (value instanceof Integer i) {
            return 1 + WireWriter.sizeOfZigZagInt(i);
        }
        if (value instanceof Long l) {
            return 1 + WireWriter.sizeOfZigZagLong(l);
        }
        if (value instanceof Byte) {
            return 2;
        }
        if (value instanceof Short || value instanceof Character) {
            return 3;
        }
        if (value instanceof Float) {
            return 5;
        }
        if (value instanceof Double) {
            return 9;
        }
        if (value instanceof byte[] bytes) {
            return 1 + WireWriter.sizeOfBytes(bytes);
        }
        throw unsupported(value);
    }

    static void write(WireWriter out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeZigZagInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeZigZagLong(l);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeShort(c);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToIntBits(f));
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToLongBits(d));
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            out.writeBytes(bytes);
        } else {
            throw unsupported(value);
        }
    }

    static Object read(WireReader in, ValueSet set) {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case BYTE:
                return (byte) in.readUnsignedByte();
            case SHORT:
                return in.readShort();
            case INT:
                return in.readZigZagInt();
            case LONG:
                return in.readZigZagLong();
            case FLOAT:
                return Float.intBitsToFloat(in.readInt());
            case DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case STRING:
                return in.readString();
            case CHAR:
                requireBodyValue(in, set, "character");
                return (char) in.readShort();
            case BYTES:
                requireBodyValue(in, set, "byte array");
                return in.readBytes();
            default:
                throw in.malformed("unknown value tag " + tag);
        }
    }

    private static void requireBodyValue(WireReader in, ValueSet set, String type) {
        if (set != ValueSet.BODY) {
            throw in.malformed("a property cannot hold a " + type);
        }
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("cannot encode a value of type " + value.getClass().getName());
    }
}
