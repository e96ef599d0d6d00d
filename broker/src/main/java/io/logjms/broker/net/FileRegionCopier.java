package io.logjms.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * Copies file regions into buffers, for TLS connections: the {@code SslHandler} encrypts buffers only, so
 * the zero-copy sends of log data become one read into memory there. Plain connections do not have it.
 */
@ChannelHandler.Sharable
final class FileRegionCopier extends MessageToMessageEncoder<FileRegion> {
    static final FileRegionCopier INSTANCE = new FileRegionCopier();

    private FileRegionCopier() {
        super(FileRegion.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, FileRegion region, List<Object> out) throws IOException {
        long count = region.count() - region.transferred();
        ByteBuf copy = ctx.alloc().buffer(Math.toIntExact(count));
        try {
            WritableByteChannel into = new BufferChannel(copy);
            long done = 0;
            while (done < count) {
                long n = region.transferTo(into, region.transferred());
                if (n <= 0) {
                    throw new IOException("file region ended after " + done + " of " + count + " bytes");
                }
                done += n;
            }
            out.add(copy);
        } catch (IOException | RuntimeException e) {
            copy.release();
            throw e;
        }
    }

    /** A channel writing into a buffer. */
    private static final class BufferChannel implements WritableByteChannel {
        private final ByteBuf buf;

        BufferChannel(ByteBuf buf) {
            this.buf = buf;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            buf.writeBytes(src);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
