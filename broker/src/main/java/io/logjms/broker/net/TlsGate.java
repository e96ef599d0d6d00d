package io.logjms.broker.net;

import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of a TLS broker's connection: looks at the first bytes. A TLS record makes it replace
 * itself with the {@link SslHandler} (so TLS sits first in the pipeline, before the framing); anything
 * else is a client without TLS, which gets a plain error frame saying so and is closed. Not sharable.
 */
final class TlsGate extends ByteToMessageDecoder {
    static final String NAME = "tls";
    static final String PLAIN_CLIENT_MESSAGE = "this broker accepts TLS connections only: connect with tls=true";
    private static final Logger log = LoggerFactory.getLogger(TlsGate.class);
    /** A TLS record header: type, version, length. */
    private static final int RECORD_HEADER_BYTES = 5;

    private final SslContext context;
    private final long handshakeTimeoutMillis;

    TlsGate(SslContext context, long handshakeTimeoutMillis) {
        this.context = context;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER_BYTES) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            SslHandler tls = context.newHandler(ctx.alloc());
            tls.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
            ctx.pipeline().replace(this, NAME, tls);
            return;
        }
        log.info("closing {}: a client without TLS connected to a TLS broker", ctx.channel().remoteAddress());
        in.skipBytes(in.readableBytes());
        ByteBuf error = Frames.finish(Frames.response(ctx.alloc(), (short) 0, 0, ErrorCode.AUTHENTICATION_FAILED,
                PLAIN_CLIENT_MESSAGE));
        ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
    }
}
