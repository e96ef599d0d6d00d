package io.logjms.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes the protocol's strings, byte arrays and maps, checking every length it reads. */
public final class Wire {
    private Wire() {
    }

    public static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeShort(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes is too long for the protocol");
        }
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }

    public static String readString(ByteBuf in) {
        short len = readableShort(in, "string length");
        if (len == -1) {
            return null;
        }
        require(in, len, "string");
        String s = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.skipBytes(len);
        return s;
    }

    public static void writeBytes(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
        }
    }

    public static byte[] readBytes(ByteBuf in) {
        int len = readInt(in, "bytes length");
        if (len == -1) {
            return null;
        }
        require(in, len, "bytes");
        byte[] bytes = new byte[len];
        in.readBytes(bytes);
        return bytes;
    }

    public static void writeStringMap(ByteBuf out, Map<String, String> map) {
        out.writeShort(map.size());
        map.forEach((k, v) -> {
            writeString(out, k);
            writeString(out, v);
        });
    }

    public static Map<String, String> readStringMap(ByteBuf in) {
        short n = readableShort(in, "map size");
        if (n < 0) {
            throw new MalformedFrameException("negative map size " + n);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    public static byte readByte(ByteBuf in, String field) {
        require(in, 1, field);
        return in.readByte();
    }

    public static short readableShort(ByteBuf in, String field) {
        require(in, 2, field);
        return in.readShort();
    }

    public static int readInt(ByteBuf in, String field) {
        require(in, 4, field);
        return in.readInt();
    }

    public static long readLong(ByteBuf in, String field) {
        require(in, 8, field);
        return in.readLong();
    }

    public static boolean readBoolean(ByteBuf in, String field) {
        return readByte(in, field) != 0;
    }

    /** Checks that a count read from the wire is plausible before anything is allocated for it. */
    public static int readCount(ByteBuf in, String field, int minBytesEach) {
        int n = readInt(in, field);
        if (n < 0 || (long) n * minBytesEach > in.readableBytes()) {
            throw new MalformedFrameException(field + " " + n + " does not fit in the frame");
        }
        return n;
    }

    private static void require(ByteBuf in, int bytes, String field) {
        if (bytes < 0 || in.readableBytes() < bytes) {
            throw new MalformedFrameException("frame ends inside " + field + " (needs " + bytes + " bytes, has "
                    + in.readableBytes() + ")");
        }
    }
}
