package io.logjms.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits the byte stream into frames of at most {@code maxFrameBytes} (fail-fast: an oversize length is
 * rejected as soon as it is read, before its bytes arrive) and decodes the header into a {@link Frame}.
 * Not sharable: one per channel.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    public FrameDecoder(int maxFrameBytes) {
        super(maxFrameBytes + FrameLayout.LENGTH_FIELD_SIZE, 0, FrameLayout.LENGTH_FIELD_SIZE, 0,
                FrameLayout.LENGTH_FIELD_SIZE, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
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
}
