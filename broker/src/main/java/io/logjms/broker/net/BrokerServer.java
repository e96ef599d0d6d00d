package io.logjms.broker.net;

import io.logjms.broker.threads.BlockingCalls;
import io.logjms.protocol.FrameDecoder;
import io.logjms.provider.client.NioEventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty front end: accepts connections and gives each an idle check, a framing decoder and a
 * connection handler, preceded with TLS by the TLS handler and a copier of file regions (TLS cannot
 * encrypt zero-copy sends).
 */
public final class BrokerServer implements AutoCloseable {
    /** A TLS client that has not finished its handshake by then is disconnected. */
    private static final long TLS_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private final String host;
    private final int port;
    private final int maxFrameBytes;
    private final long idleTimeoutMillis;
    private final RequestRouter router;
    private final SslContext tls;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private final ChannelGroup clients = new DefaultChannelGroup("logjms-clients", GlobalEventExecutor.INSTANCE);

    /**
     * @param idleTimeoutMillis silence after which a client connection is closed as lost; 0 never
     * @param tls the TLS context when clients connect with TLS (and only then), or null
     */
    public BrokerServer(String host, int port, int maxFrameBytes, long idleTimeoutMillis, RequestRouter router,
                        SslContext tls) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.maxFrameBytes = maxFrameBytes;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.router = router;
    }

    /** Binds the listening socket; throws, naming the address, when it cannot (in use, unknown host). */
    public void start() throws InterruptedException, BindException {
        bossGroup = NioEventLoops.create(1, new DefaultThreadFactory("logjms-accept"));
        workerGroup = NioEventLoops.create(0, new NonBlockingThreadFactory("logjms-io"));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast(TlsGate.NAME, new TlsGate(tls, TLS_HANDSHAKE_TIMEOUT_MILLIS));
                            ch.pipeline().addLast("copy-regions", FileRegionCopier.INSTANCE);
                        }
                        if (idleTimeoutMillis > 0) {
                            ch.pipeline().addLast("idle", new IdleConnectionCloser(idleTimeoutMillis));
                        }
                        ch.pipeline().addLast("framing", new FrameDecoder(maxFrameBytes));
                        ch.pipeline().addLast("connection", new ConnectionHandler(router));
                    }
                });
        try {
            serverChannel = bootstrap.bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            BindException named = new BindException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Client connections open now. */
    public int connectionCount() {
        return clients.size();
    }

    /** Stops accepting, closes every client connection and stops the I/O threads. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Event-loop threads, marked so that {@link BlockingCalls} assertions catch waiting on them. */
    private static final class NonBlockingThreadFactory extends DefaultThreadFactory {
        NonBlockingThreadFactory(String name) {
            super(name);
        }

        @Override
        public Thread newThread(Runnable task) {
            return super.newThread(BlockingCalls.onNonBlockingThread(task));
        }
    }
}
