package io.logjms.broker.net;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.FileRegion;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The broker's side of one client connection: who the client is, and how to answer it. Responses may
 * be sent from any thread. Resources tied to the connection register a close hook.
 */
public final class ClientConnection {
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();
    private static final String RUN = Long.toString(System.nanoTime() & 0xffffffL, 36);

    private final Channel channel;
    private final String connectionId = "c" + RUN + "-" + IDS.incrementAndGet();
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private volatile boolean closing;
    private volatile boolean closedByClient;
    private volatile boolean handshakeDone;
    private volatile String clientId;
    private volatile String origin;
    private volatile String user;
    private volatile boolean clusterPeer;

    ClientConnection(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(f -> closeHooks.forEach(ClientConnection::runQuietly));
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** Broker-wide unique id of this connection; safe to use in destination names. */
    public String connectionId() {
        return connectionId;
    }

    /**
     * The identity this connection's messages carry as their origin, which its noLocal subscribers compare
     * them with: what the client presented in the handshake (a reconnecting client presents its first
     * connection's id), otherwise {@link #connectionId()}.
     */
    public String origin() {
        String presented = origin;
        return presented != null ? presented : connectionId;
    }

    /** Takes the origin the client presented in its handshake. */
    public void presentOrigin(String origin) {
        this.origin = origin;
    }

    public boolean handshakeDone() {
        return handshakeDone;
    }

    public void completeHandshake(String clientId, String user) {
        completeHandshake(clientId, user, false);
    }

    /** @param clusterPeer whether the connection authenticated with the cluster credentials (another broker) */
    public void completeHandshake(String clientId, String user, boolean clusterPeer) {
        this.clientId = clientId;
        this.user = user;
        this.clusterPeer = clusterPeer;
        this.handshakeDone = true;
    }

    /** Whether another broker of the cluster made this connection (it authenticated with the cluster credentials). */
    public boolean clusterPeer() {
        return clusterPeer;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }

    public String user() {
        return user;
    }

    public Channel channel() {
        return channel;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /**
     * Whether frames from the client are still served: false once the connection is closed or an error
     * that ends it was answered. Frames the client pipelined behind such an error are dropped unread.
     */
    public boolean servesFrames() {
        return !closing && channel.isActive();
    }

    /**
     * Whether the client ended the connection with a {@code CLOSE} request; false while it is open and
     * when it was lost (socket closed or reset, idle timeout, an error that closed it). Set before the
     * close hooks run, so they may tell a deliberate close from a loss.
     */
    public boolean closedByClient() {
        return closedByClient;
    }

    /** Runs the hook when the connection closes (at once if it already has). */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
        if (!channel.isOpen() && closeHooks.remove(hook)) {
            runQuietly(hook);
        }
    }

    public void removeCloseHook(Runnable hook) {
        closeHooks.remove(hook);
    }

    /** Sends a successful response whose body, after the header, is written by {@code body}. */
    public void respond(Frame request, Consumer<ByteBuf> body) {
        respond(request.rawApiKey(), request.correlationId(), body);
    }

    /** Sends a successful response to a request whose frame is already released. */
    public void respond(short apiKey, int correlationId, Consumer<ByteBuf> body) {
        if (!channel.isActive()) {
            return;
        }
        ByteBuf buf = Frames.response(channel.alloc(), apiKey, correlationId, ErrorCode.NONE, null);
        try {
            body.accept(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        channel.writeAndFlush(Frames.finish(buf), channel.voidPromise());
    }

    /** Sends a successful response whose body ends with a file region sent with zero copy. */
    public void respondWithRegion(Frame request, Consumer<ByteBuf> body, FileRegion region) {
        respondWithRegion(request.rawApiKey(), request.correlationId(), body, region);
    }

    /**
     * As {@link #respondWithRegion(Frame, Consumer, FileRegion)} for a request whose frame is already released;
     * from any thread (the header and the region go out as one task, so no other frame lands between them).
     */
    public void respondWithRegion(short apiKey, int correlationId, Consumer<ByteBuf> body, FileRegion region) {
        ByteBuf buf = Frames.response(channel.alloc(), apiKey, correlationId, ErrorCode.NONE, null);
        body.accept(buf);
        ByteBuf header = Frames.finish(buf, region.count());
        if (channel.eventLoop().inEventLoop()) {
            writeWithRegion(header, region);
        } else {
            channel.eventLoop().execute(() -> writeWithRegion(header, region));
        }
    }

    /**
     * Answers a request whose frame is already released once {@code result} completes: its value's body as written
     * by {@code body}, or the error its failure maps to ({@link ErrorMapping}).
     */
    public <T> void respondWhenDone(short apiKey, int correlationId, CompletionStage<T> result,
                                    Function<? super T, Consumer<ByteBuf>> body) {
        result.whenComplete((value, e) -> {
            if (e != null) {
                respondError(apiKey, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
            } else {
                respond(apiKey, correlationId, body.apply(value));
            }
        });
    }

    /** Sends an error response; errors that break the connection's framing also close it. */
    public void respondError(Frame request, ErrorCode error, String message) {
        respondError(request.rawApiKey(), request.correlationId(), error, message);
    }

    public void respondError(short apiKey, int correlationId, ErrorCode error, String message) {
        if (ErrorMapping.closesConnection(error)) {
            closing = true;
        }
        if (!channel.isActive()) {
            return;
        }
        ByteBuf buf = Frames.finish(Frames.response(channel.alloc(), apiKey, correlationId, error, message));
        if (ErrorMapping.closesConnection(error)) {
            channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.writeAndFlush(buf, channel.voidPromise());
        }
    }

    /** Sends a push frame; {@code region} may be null. */
    public void push(ApiKey apiKey, Consumer<ByteBuf> body, FileRegion region) {
        ByteBuf buf = Frames.start(channel.alloc(), apiKey, FrameKind.PUSH, 0);
        body.accept(buf);
        if (region == null) {
            channel.writeAndFlush(Frames.finish(buf), channel.voidPromise());
        } else if (channel.eventLoop().inEventLoop()) {
            writeWithRegion(Frames.finish(buf, region.count()), region);
        } else {
            // one task for both parts: a frame another thread pushes must not land between them
            ByteBuf header = Frames.finish(buf, region.count());
            channel.eventLoop().execute(() -> writeWithRegion(header, region));
        }
    }

    private void writeWithRegion(ByteBuf header, FileRegion region) {
        channel.write(header, channel.voidPromise());
        channel.writeAndFlush(region, channel.voidPromise());
    }

    /**
     * Whether file regions can go to this peer as they are (zero copy): not through TLS, whose handler
     * must see the bytes.
     */
    public boolean sendsFileRegions() {
        return channel.pipeline().get(io.netty.handler.ssl.SslHandler.class) == null;
    }

    public boolean isWritable() {
        return channel.isWritable();
    }

    /**
     * Releases everything tied to the connection now (close hooks run once, here instead of after the
     * socket closes), answers the request, then closes.
     */
    public void closeGracefully(Frame request) {
        closedByClient = true;
        List<Runnable> hooks = new java.util.ArrayList<>(closeHooks);
        closeHooks.clear();
        hooks.forEach(ClientConnection::runQuietly);
        ByteBuf buf = Frames.finish(Frames.response(channel.alloc(), request.rawApiKey(), request.correlationId(),
                ErrorCode.NONE, null));
        channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }

    public void close() {
        closing = true;
        channel.close();
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ClientConnection.class).warn("connection close hook failed", e);
        }
    }

    @Override
    public String toString() {
        return "connection " + channel.remoteAddress() + (clientId != null ? " (client " + clientId + ")" : "");
    }
}
