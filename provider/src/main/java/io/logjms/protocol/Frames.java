package io.logjms.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes frames. A frame is started with its header and a placeholder length, the body is written by
 * the caller, and {@link #finish} fills the length in; {@code trailingBytes} counts bytes the caller
 * sends right after the buffer (a file region sent with zero copy).
 */
public final class Frames {
    private Frames() {
    }

    public static ByteBuf start(ByteBufAllocator alloc, ApiKey apiKey, FrameKind kind, int correlationId) {
        return start(alloc, apiKey.id(), kind, correlationId);
    }

    public static ByteBuf start(ByteBufAllocator alloc, short apiKey, FrameKind kind, int correlationId) {
        ByteBuf buf = alloc.ioBuffer(128);
        buf.writeInt(0);
        buf.writeShort(apiKey);
        buf.writeByte(kind.code());
        buf.writeInt(correlationId);
        return buf;
    }

    /** Starts a response carrying an error code and message; the caller may append more body. */
    public static ByteBuf response(ByteBufAllocator alloc, short apiKey, int correlationId, ErrorCode error,
                                   String message) {
        ByteBuf buf = start(alloc, apiKey, FrameKind.RESPONSE, correlationId);
        buf.writeShort(error.code());
        Wire.writeString(buf, message);
        return buf;
    }

    public static ByteBuf finish(ByteBuf buf) {
        return finish(buf, 0);
    }

    public static ByteBuf finish(ByteBuf buf, long trailingBytes) {
        long length = buf.writerIndex() - FrameLayout.LENGTH_FIELD_SIZE + trailingBytes;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame of " + length + " bytes is too large");
        }
        buf.setInt(0, (int) length);
        return buf;
    }
}
