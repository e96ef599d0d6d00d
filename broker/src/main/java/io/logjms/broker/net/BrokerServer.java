package io.logjms.broker.net;

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
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The Netty front end: accepts connections and gives each a framing decoder and a connection handler. */
public final class BrokerServer implements AutoCloseable {
    private final String host;
    private final int port;
    private final int maxFrameBytes;
    private final RequestRouter router;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private final ChannelGroup clients = new DefaultChannelGroup("logjms-clients", GlobalEventExecutor.INSTANCE);

    public BrokerServer(String host, int port, int maxFrameBytes, RequestRouter router) {
        this.host = host;
        this.port = port;
        this.maxFrameBytes = maxFrameBytes;
        this.router = router;
    }

    /** Binds the listening socket; throws, naming the address, when it cannot (in use, unknown host). */
    public void start() throws InterruptedException, BindException {
        bossGroup = NioEventLoops.create(1, new DefaultThreadFactory("logjms-accept"));
        workerGroup = NioEventLoops.create(0, new DefaultThreadFactory("logjms-io"));
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
}
