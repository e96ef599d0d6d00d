package io.logjms.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the byte stream into frames of at most {@code maxFrameBytes} (fail-fast: an oversize length is
 * rejected as soon as it is read, before its bytes arrive, with a {@link TooLongFrameException} naming
 * the size and the limit; everything after it is discarded) and decodes the header into a
 * {@link Frame}. Not sharable: one per channel.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private final int maxFrameBytes;
    private boolean discarding;

    public FrameDecoder(int maxFrameBytes) {
        super(maxFrameBytes + FrameLayout.LENGTH_FIELD_SIZE, 0, FrameLayout.LENGTH_FIELD_SIZE, 0,
                FrameLayout.LENGTH_FIELD_SIZE, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= FrameLayout.LENGTH_FIELD_SIZE) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length > maxFrameBytes) {
                // the stream cannot be resynchronised after an unread frame: drop all that follows
                discarding = true;
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException(tooLarge(length, maxFrameBytes));
            }
        }
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        try {
            if (frame.readableBytes() < FrameLayout.HEADER_SIZE) {
                throw new MalformedFrameException("frame of " + frame.readableBytes()
                        + " bytes is shorter than the " + FrameLayout.HEADER_SIZE + "-byte header");
            }
            short apiKey = frame.readShort();
            FrameKind kind = FrameKind.fromCode(frame.readByte());
            int correlationId = frame.readInt();
            return new Frame(apiKey, kind, correlationId, frame);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /** The words for a frame over the limit, the same on both sides of the connection. */
    public static String tooLarge(long frameBytes, int maxFrameBytes) {
        return "frame of " + frameBytes + " bytes exceeds the maximum frame size (max.frame.bytes) of "
                + maxFrameBytes + " bytes";
    }
}
