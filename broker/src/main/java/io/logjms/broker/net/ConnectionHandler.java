package io.logjms.broker.net;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.MalformedFrameException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one connection: the handshake must come first, then each request goes to its
 * {@link RequestHandler}. Anything that breaks the protocol gets an error reply where possible and
 * closes this connection only. Not sharable.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final RequestRouter router;
    private ClientConnection connection;

    ConnectionHandler(RequestRouter router) {
        this.router = router;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new ClientConnection(ctx.channel());
        log.debug("accepted {}", ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            if (connection.servesFrames()) {
                dispatch(frame);
            }
        } finally {
            frame.release();
        }
    }

    private void dispatch(Frame frame) {
        if (frame.kind() == FrameKind.RESPONSE || frame.kind() == FrameKind.PUSH) {
            connection.respondError(frame, ErrorCode.MALFORMED_FRAME,
                    "clients send requests and one-way frames, not " + frame.kind());
            return;
        }
        ApiKey api = frame.apiKey();
        RequestHandler handler = api == null ? null : router.handler(api, frame.kind());
        if (handler == null) {
            connection.respondError(frame, ErrorCode.UNKNOWN_REQUEST, "unknown " + frame.kind().name().toLowerCase()
                    + " type " + frame.rawApiKey());
            return;
        }
        if (!connection.handshakeDone() && api != ApiKey.HANDSHAKE) {
            connection.respondError(frame, ErrorCode.HANDSHAKE_REQUIRED, "send a handshake before " + api);
            return;
        }
        if (api != ApiKey.HANDSHAKE && !router.guard().admit(connection, frame)) {
            return;
        }
        try {
            handler.handle(connection, frame);
        } catch (InvalidRequestException | MalformedFrameException e) {
            refuseBody(frame, api, e);
        } catch (Exception e) {
            ErrorCode code = ErrorMapping.codeFor(e);
            if (code == ErrorCode.UNKNOWN_ERROR) {
                log.error("{} failed on {}", api, connection, e);
            } else {
                log.debug("{} refused on {}: {}", api, connection, e.getMessage());
            }
            if (frame.kind() == FrameKind.REQUEST) {
                connection.respondError(frame, code, ErrorMapping.messageFor(e));
            } else if (ErrorMapping.closesConnection(code)) {
                connection.close();
            }
        }
    }

    /**
     * A request body that does not decode, or decodes to values the protocol does not allow: the frame's
     * length delimited it, so the stream is still in step and only this request is refused. A handler
     * throws these only while it reads the body; they are client mistakes, logged at DEBUG.
     */
    private void refuseBody(Frame frame, ApiKey api, RuntimeException e) {
        String message = api + ": " + e.getMessage();
        log.debug("{} refused on {}: {}", api, connection, message);
        if (frame.kind() == FrameKind.REQUEST) {
            connection.respondError(frame, ErrorCode.INVALID_REQUEST, message);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (connection != null && !connection.servesFrames()) {
            // bytes the client pipelined behind the error that ends the connection are still decoded as the
            // channel closes; their errors were already answered and logged once
            log.debug("ignoring {} on closing {}", root.toString(), ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ErrorCode code;
        if (root instanceof TooLongFrameException) {
            code = ErrorCode.FRAME_TOO_LARGE;
        } else if (root instanceof MalformedFrameException) {
            code = ErrorCode.MALFORMED_FRAME;
        } else if (root instanceof java.io.IOException) {
            log.debug("I/O error on {}: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
            return;
        } else {
            code = ErrorCode.UNKNOWN_ERROR;
            log.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), root);
        }
        log.info("closing {}: {}: {}", ctx.channel().remoteAddress(), code, root.getMessage());
        if (connection != null) {
            connection.respondError((short) 0, 0, code, root.getMessage());
        }
        ctx.close();
    }
}
