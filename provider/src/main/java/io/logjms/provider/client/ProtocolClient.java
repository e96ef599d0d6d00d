package io.logjms.provider.client;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.FrameDecoder;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.FrameLayout;
import io.logjms.protocol.Frames;
import io.logjms.protocol.ProtocolVersion;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.protocol.api.HandshakeResponse;
import io.logjms.protocol.api.ResponseHeader;
import io.logjms.provider.tls.ClientTls;
import io.logjms.provider.tls.TlsFailures;
import io.logjms.provider.tls.TlsHandshakeException;
import io.logjms.provider.tls.TlsOptions;
import io.logjms.provider.tls.TlsSetupException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One connection to a broker: sends requests and matches responses by correlation id, passes pushes to
 * a {@link PushListener}. A request larger than the broker's max.frame.bytes is not sent: it fails with
 * {@link LimitExceededException}. Every pending request fails with {@link ConnectionLostException} as
 * soon as the connection is lost, and with a {@link TimeoutException} after the request timeout. A request
 * that waits past the request timeout also ends the connection: a broker that stopped answering (paused,
 * network gone) is lost, without waiting for TCP to notice. So that an idle connection notices too, a
 * PING goes out whenever nothing was read, or nothing written, for a third of the request timeout (at
 * most 10 s; the broker also closes connections it hears nothing from). Thread-safe.
 */
public final class ProtocolClient implements AutoCloseable {
    private final Channel channel;
    private final Duration requestTimeout;
    private final Map<Integer, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextCorrelationId = new AtomicInteger(1);
    private final PushListener listener;
    private volatile HandshakeResponse handshake;
    private volatile Throwable closeCause;

    private record Pending<T>(CompletableFuture<T> future, Function<ByteBuf, T> reader) {
    }

    private ProtocolClient(Channel channel, Duration requestTimeout, PushListener listener) {
        this.channel = channel;
        this.requestTimeout = requestTimeout;
        this.listener = listener;
    }

    /**
     * Connects and performs the handshake; the future fails with {@link ProtocolErrorException} when the
     * broker refuses it (version, credentials) and with the I/O error when the broker cannot be reached.
     */
    public static CompletableFuture<ProtocolClient> connect(String host, int port, HandshakeRequest handshake,
                                                            Duration connectTimeout, Duration requestTimeout,
                                                            PushListener listener) {
        return connect(host, port, handshake, connectTimeout, requestTimeout, listener, TlsOptions.NONE);
    }

    /**
     * Connects with TLS when {@code tls} says so; a TLS failure fails the future with a
     * {@link TlsHandshakeException} saying why, a store that cannot be read with a {@link TlsSetupException}.
     */
    public static CompletableFuture<ProtocolClient> connect(String host, int port, HandshakeRequest handshake,
                                                            Duration connectTimeout, Duration requestTimeout,
                                                            PushListener listener, TlsOptions tls) {
        return connect(host, port, handshake, connectTimeout, requestTimeout, listener, tls, null);
    }

    /**
     * Connects from {@code localHost} (any port) when it is not null, so that the other side sees which of this
     * machine's addresses connected (a broker's own connections to its peers come from its {@code host}).
     */
    public static CompletableFuture<ProtocolClient> connect(String host, int port, HandshakeRequest handshake,
                                                            Duration connectTimeout, Duration requestTimeout,
                                                            PushListener listener, TlsOptions tls,
                                                            String localHost) {
        CompletableFuture<ProtocolClient> result = new CompletableFuture<>();
        SslContext tlsContext;
        try {
            tlsContext = tls.enabled() ? ClientTls.context(tls) : null;
        } catch (TlsSetupException e) {
            result.completeExceptionally(e);
            return result;
        }
        ProtocolClient[] holder = new ProtocolClient[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(ClientEventLoop.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tlsContext != null) {
                            ch.pipeline().addLast("tls", ClientTls.handler(tlsContext, ch.alloc(), host, port,
                                    connectTimeout));
                        }
                        long heartbeat = heartbeatInterval(requestTimeout);
                        // quiet either way: nothing read (is the broker there?) or nothing written (the
                        // broker closes a connection it hears nothing from, connections.idle.timeout.ms)
                        ch.pipeline().addLast(new IdleStateHandler(heartbeat, heartbeat, 0, TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast(new FrameDecoder(FrameLayout.DEFAULT_MAX_FRAME_BYTES));
                        ch.pipeline().addLast(new InboundHandler(() -> holder[0]));
                    }
                });
        ChannelFuture connect = localHost == null ? bootstrap.connect(host, port)
                : bootstrap.connect(new InetSocketAddress(host, port), new InetSocketAddress(localHost, 0));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            ProtocolClient client = new ProtocolClient(connect.channel(), requestTimeout, listener);
            holder[0] = client;
            client.<HandshakeResponse>request(ApiKey.HANDSHAKE, handshake::writeTo, HandshakeResponse::readFrom)
                    .whenComplete((hs, err) -> {
                        if (err != null) {
                            client.close();
                            result.completeExceptionally(handshakeFailure(err, host, port, tls));
                        } else {
                            client.handshake = hs;
                            result.complete(client);
                        }
                    });
        });
        return result;
    }

    /** The longest pause between heartbeats, well below the broker's default connections.idle.timeout.ms. */
    static final long MAX_HEARTBEAT_MILLIS = 10_000;

    /**
     * How long a connection may read or write nothing before it sends a PING: a third of the request
     * timeout, at most {@value #MAX_HEARTBEAT_MILLIS} ms.
     */
    static long heartbeatInterval(Duration requestTimeout) {
        return Math.max(1, Math.min(MAX_HEARTBEAT_MILLIS, requestTimeout.toMillis() / 3));
    }

    /**
     * Why the handshake failed, in the user's terms: an error the broker sent before closing (rather than
     * "connection lost"), or what went wrong with TLS.
     */
    private static Throwable handshakeFailure(Throwable err, String host, int port, TlsOptions tls) {
        Throwable failure = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        if (failure instanceof ConnectionLostException && failure.getCause() instanceof ProtocolErrorException refused) {
            return refused;
        }
        TlsHandshakeException explained = tls.enabled() ? TlsFailures.explain(failure, host, port, tls) : null;
        return explained != null ? explained : failure;
    }

    /** Convenience handshake for a client of the current protocol versions. */
    public static HandshakeRequest handshake(String clientId, String user, String password) {
        return new HandshakeRequest(ProtocolVersion.MIN, ProtocolVersion.MAX, clientId, user, password,
                "logjms-java/" + ProtocolClient.class.getPackage().getImplementationVersion());
    }

    public HandshakeResponse handshakeResponse() {
        return handshake;
    }

    /**
     * Sends a request. The future completes with what {@code reader} makes of the response body after
     * its header, or fails with {@link ProtocolErrorException} when the header carries an error.
     */
    public <T> CompletableFuture<T> request(ApiKey apiKey, Consumer<ByteBuf> bodyWriter, Function<ByteBuf, T> reader) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Throwable cause = closeCause;
        if (cause != null || !channel.isActive()) {
            future.completeExceptionally(new ConnectionLostException("connection to the broker is closed", cause));
            return future;
        }
        int correlationId = nextCorrelationId.getAndUpdate(i -> i == Integer.MAX_VALUE ? 1 : i + 1);
        ByteBuf buf = Frames.start(channel.alloc(), apiKey, FrameKind.REQUEST, correlationId);
        try {
            bodyWriter.accept(buf);
        } catch (RuntimeException e) {
            buf.release();
            future.completeExceptionally(e);
            return future;
        }
        HandshakeResponse limits = handshake;
        int frameBytes = buf.readableBytes() - FrameLayout.LENGTH_FIELD_SIZE;
        if (limits != null && frameBytes > limits.maxFrameBytes()) {
            // the broker would close the connection on it: refuse it here and keep the connection
            buf.release();
            future.completeExceptionally(new LimitExceededException(ErrorCode.FRAME_TOO_LARGE, "the "
                    + apiKey + " request was not sent: " + FrameDecoder.tooLarge(frameBytes, limits.maxFrameBytes())));
            return future;
        }
        pending.put(correlationId, new Pending<>(future, reader));
        var timeout = channel.eventLoop().schedule(() -> {
            if (pending.remove(correlationId) != null) {
                TimeoutException timedOut = new TimeoutException(apiKey + " request got no response within "
                        + requestTimeout.toMillis() + " ms");
                future.completeExceptionally(timedOut);
                abandon(new ConnectionLostException("the broker did not answer a " + apiKey + " request within "
                        + requestTimeout.toMillis() + " ms (requestTimeout); the connection counts as lost", null));
            }
        }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> timeout.cancel(false));
        ByteBuf frame = Frames.finish(buf);
        writeInCallOrder(() -> channel.writeAndFlush(frame).addListener(f -> {
            if (!f.isSuccess() && pending.remove(correlationId) != null) {
                future.completeExceptionally(new ConnectionLostException("could not send " + apiKey, f.cause()));
            }
        }));
        return future;
    }

    /**
     * Writes go out in the order they were asked for. A write from another thread is queued on the I/O
     * thread, but one from the I/O thread itself (a response handler sending the next batch) would run
     * at once and overtake the queued ones, so it is queued too.
     */
    private void writeInCallOrder(Runnable write) {
        if (channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(write);
        } else {
            write.run();
        }
    }

    /** Sends a frame that gets no response (credit, for example). */
    public void sendOneWay(ApiKey apiKey, Consumer<ByteBuf> bodyWriter) {
        ByteBuf buf = Frames.start(channel.alloc(), apiKey, FrameKind.ONE_WAY, 0);
        bodyWriter.accept(buf);
        ByteBuf frame = Frames.finish(buf);
        writeInCallOrder(() -> channel.writeAndFlush(frame));
    }

    public boolean isOpen() {
        return channel.isActive() && closeCause == null;
    }

    /** Ends a connection the broker stopped answering on; pending requests fail with {@code cause}. */
    private void abandon(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        channel.close();
    }

    /** Sends a heartbeat on an idle connection; its request timeout ends the connection if unanswered. */
    private void ping() {
        if (handshake != null && isOpen()) {
            request(ApiKey.PING, body -> { }, body -> null);
        }
    }

    /** Runs a task on this connection's I/O thread. */
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    /**
     * Closes the connection: first a CLOSE request, so the broker has released the client id and the
     * consumers when this returns (bounded by a short wait), then the socket.
     */
    @Override
    public void close() {
        if (isOpen() && handshake != null) {
            try {
                request(ApiKey.CLOSE, body -> { }, body -> null).get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                // the broker is gone or slow: closing the socket is all that is left to do
            }
        }
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void onResponse(Frame frame) {
        Pending<?> p = pending.remove(frame.correlationId());
        if (p == null) {
            return;
        }
        complete(p, frame.body());
    }

    private static <T> void complete(Pending<T> p, ByteBuf body) {
        try {
            ResponseHeader header = ResponseHeader.readFrom(body);
            if (!header.ok()) {
                p.future().completeExceptionally(new ProtocolErrorException(header.error(), header.message()));
            } else {
                p.future().complete(p.reader().apply(body));
            }
        } catch (RuntimeException e) {
            p.future().completeExceptionally(e);
        }
    }

    private void onClosed(Throwable failure) {
        Throwable cause = failure != null ? failure : closeCause;
        if (closeCause == null) {
            closeCause = cause != null ? cause : new ConnectionLostException("connection closed", null);
        }
        ConnectionLostException lost = new ConnectionLostException("connection to the broker was lost", cause);
        pending.values().removeIf(p -> {
            p.future().completeExceptionally(lost);
            return true;
        });
        listener.onClosed(cause);
    }

    private static final class InboundHandler extends SimpleChannelInboundHandler<Frame> {
        private final java.util.function.Supplier<ProtocolClient> client;
        private Throwable failure;

        InboundHandler(java.util.function.Supplier<ProtocolClient> client) {
            super(false);
            this.client = client;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            try {
                ProtocolClient c = client.get();
                if (c == null) {
                    return;
                }
                if (frame.kind() == FrameKind.RESPONSE) {
                    if (frame.correlationId() == 0 && frame.apiKey() == null) {
                        // a connection-level error the broker sends before closing
                        ResponseHeader h = ResponseHeader.readFrom(frame.body());
                        failure = new ProtocolErrorException(h.error(), h.message());
                        return;
                    }
                    c.onResponse(frame);
                } else if (frame.kind() == FrameKind.PUSH) {
                    c.listener.onPush(frame);
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            ProtocolClient c = client.get();
            if (event instanceof IdleStateEvent && c != null) {
                c.ping();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ProtocolClient c = client.get();
            if (c != null) {
                c.onClosed(failure);
            }
        }
    }

    /** True when the error means the request can never succeed on this connection. */
    public static boolean isFatal(ErrorCode code) {
        return code == ErrorCode.MALFORMED_FRAME || code == ErrorCode.UNSUPPORTED_VERSION
                || code == ErrorCode.HANDSHAKE_REQUIRED || code == ErrorCode.AUTHENTICATION_FAILED;
    }
}
