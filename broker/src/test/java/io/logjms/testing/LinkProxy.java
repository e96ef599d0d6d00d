package io.logjms.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that passes raw bytes (any protocol: the broker protocol, Hazelcast's) from {@code listen} to
 * {@code target}, and injects faults per source host: who connects is told by the connection's source address,
 * so a peer that binds its outgoing sockets to its own address (see {@link LinkFaults}) is recognised. The
 * proxy's own connection to the target is bound to that same source host, so the target sees the peer's host
 * too.
 *
 * <p>Faults, by source host and direction ({@link Direction#UPSTREAM} = source to target):
 * <ul>
 * <li>{@link #blackhole}: the bytes are discarded silently, the connection stays open, and a close from that
 * side is lost too (a dead network path sends no FIN either); the other direction still passes.
 * <li>{@link #delay}: every chunk is passed on after the delay, in order.
 * <li>{@link #cut}: the source's connections open now are closed on both sides; new ones work.
 * <li>{@link #restore}: no more faults; connections that lost bytes are cut, since TCP never resumes a
 * stream with a gap in it (a real connection would have been reset), and their peers reconnect.
 * </ul>
 * Rules for {@link #ANY_SOURCE} apply to every connection that has no rule of its own.
 *
 * <p>Thread-safe: every change runs on the proxy's single event-loop thread. {@link #close()} closes every
 * connection and the thread.
 */
public final class LinkProxy implements AutoCloseable {
    /** The source host of a rule that applies to every connection without its own. */
    public static final String ANY_SOURCE = "*";

    /** Which way bytes go, seen from the connection's source. */
    public enum Direction {
        /** From the host that connected to the target. */
        UPSTREAM,
        /** From the target back to the host that connected. */
        DOWNSTREAM
    }

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel server;
    private final InetSocketAddress target;
    private final Set<Pipe> pipes = new HashSet<>();
    private final Map<String, Rule> rules = new HashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger discardedBytes = new AtomicInteger();

    /** What happens to one source's bytes in one direction. */
    private record Rule(boolean blackhole, long delayMillis) {
        static final Rule PASS = new Rule(false, 0);
    }

    private LinkProxy(InetSocketAddress listen, InetSocketAddress target) {
        this.target = target;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.loop = group.next();
        try {
            this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            accept(ch);
                        }
                    })
                    .bind(listen).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("the link proxy cannot listen on " + listen + ": " + e, e);
        }
    }

    /** A proxy listening on {@code listenHost:listenPort} (0: any free port) that forwards to the target. */
    public static LinkProxy start(String listenHost, int listenPort, String targetHost, int targetPort) {
        return new LinkProxy(new InetSocketAddress(listenHost, listenPort), new InetSocketAddress(targetHost,
                targetPort));
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Discards the bytes of {@code sourceHost}'s connections going {@code direction}, from now on. */
    public LinkProxy blackhole(String sourceHost, Direction direction) {
        return onLoop(() -> {
            Rule r = rule(sourceHost, direction);
            rules.put(key(sourceHost, direction), new Rule(true, r.delayMillis()));
        });
    }

    /** Passes the bytes of {@code sourceHost}'s connections going {@code direction} on after {@code delay}. */
    public LinkProxy delay(String sourceHost, Direction direction, Duration delay) {
        return onLoop(() -> {
            Rule r = rule(sourceHost, direction);
            rules.put(key(sourceHost, direction), new Rule(r.blackhole(), delay.toMillis()));
        });
    }

    /** Closes {@code sourceHost}'s open connections (every open one for {@link #ANY_SOURCE}) on both sides. */
    public LinkProxy cut(String sourceHost) {
        return onLoop(() -> List.copyOf(pipes).stream()
                .filter(p -> sourceHost.equals(ANY_SOURCE) || p.sourceHost.equals(sourceHost))
                .forEach(Pipe::close));
    }

    /** No more faults; the connections that lost bytes are cut (see the class comment). */
    public LinkProxy restore() {
        return onLoop(() -> {
            rules.clear();
            List.copyOf(pipes).stream().filter(p -> p.damaged).forEach(Pipe::close);
        });
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int openConnections() {
        int[] open = new int[1];
        onLoop(() -> open[0] = pipes.size());
        return open[0];
    }

    /** Bytes discarded by blackholes so far. */
    public int discardedBytes() {
        return discardedBytes.get();
    }

    @Override
    public void close() {
        if (!loop.isShuttingDown()) {
            onLoop(() -> {
                server.close();
                List.copyOf(pipes).forEach(Pipe::close);
            });
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "LinkProxy[" + address() + " -> " + target + "]";
    }

    private static String key(String sourceHost, Direction direction) {
        return sourceHost + "/" + direction;
    }

    private Rule rule(String sourceHost, Direction direction) {
        Rule own = rules.get(key(sourceHost, direction));
        if (own != null) {
            return own;
        }
        return rules.getOrDefault(key(ANY_SOURCE, direction), Rule.PASS);
    }

    private LinkProxy onLoop(Runnable action) {
        Callable<Void> task = () -> {
            action.run();
            return null;
        };
        try {
            if (loop.inEventLoop()) {
                task.call();
            } else {
                loop.submit(task).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the link proxy did not run a command: " + e, e);
        }
        return this;
    }

    private void accept(SocketChannel source) {
        accepted.incrementAndGet();
        String sourceHost = source.remoteAddress().getAddress().getHostAddress();
        Pipe pipe = new Pipe(source, sourceHost);
        pipes.add(pipe);
        source.pipeline().addLast(new Relay(pipe, Direction.UPSTREAM));
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Relay(pipe, Direction.DOWNSTREAM))
                .connect(target, new InetSocketAddress(sourceHost, 0)).addListener(f -> {
                    if (f.isSuccess() && !pipe.closed) {
                        pipe.target = ((ChannelFuture) f).channel();
                        source.config().setAutoRead(true);
                    } else {
                        pipe.close();
                    }
                });
    }

    /** One proxied connection: the source's channel and the proxy's channel to the target; loop thread only. */
    private final class Pipe {
        private final Channel source;
        private final String sourceHost;
        private Channel target;
        private boolean closed;
        /** Bytes were discarded: the stream has a gap, so {@link #restore()} cuts it. */
        private boolean damaged;
        /** When the last delayed item of each direction is due (nanoTime), to keep them in order. */
        private final long[] lastDue = new long[Direction.values().length];

        Pipe(Channel source, String sourceHost) {
            this.source = source;
            this.sourceHost = sourceHost;
        }

        private Channel to(Direction d) {
            return d == Direction.UPSTREAM ? target : source;
        }

        private Channel from(Direction d) {
            return d == Direction.UPSTREAM ? source : target;
        }

        void onBytes(Direction d, ByteBuf bytes) {
            Rule rule = rule(sourceHost, d);
            if (closed || rule.blackhole()) {
                if (!closed) {
                    damaged = true;
                    discardedBytes.addAndGet(bytes.readableBytes());
                }
                bytes.release();
                return;
            }
            later(d, rule, () -> {
                Channel to = to(d);
                if (closed || to == null) {
                    bytes.release();
                    return;
                }
                to.writeAndFlush(bytes);
                if (!to.isWritable()) {
                    from(d).config().setAutoRead(false);
                }
            });
        }

        void onClosed(Direction d) {
            Rule rule = rule(sourceHost, d);
            if (closed) {
                return;
            }
            if (rule.blackhole()) {
                damaged = true;
                return;
            }
            later(d, rule, this::close);
        }

        void onWritabilityChanged(Direction towards) {
            Channel c = towards == Direction.UPSTREAM ? target : source;
            Channel other = towards == Direction.UPSTREAM ? source : target;
            if (c != null && other != null && c.isWritable()) {
                other.config().setAutoRead(true);
            }
        }

        private void later(Direction d, Rule rule, Runnable action) {
            long now = System.nanoTime();
            long due = Math.max(now + TimeUnit.MILLISECONDS.toNanos(rule.delayMillis()), lastDue[d.ordinal()]);
            lastDue[d.ordinal()] = due;
            if (due <= now) {
                action.run();
            } else {
                loop.schedule(action, due - now, TimeUnit.NANOSECONDS);
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            pipes.remove(this);
            source.close();
            if (target != null) {
                target.close();
            }
        }
    }

    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Pipe pipe;
        private final Direction direction;

        Relay(Pipe pipe, Direction direction) {
            this.pipe = pipe;
            this.direction = direction;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            pipe.onBytes(direction, (ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pipe.onClosed(direction);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // this channel receives what goes the other way
            pipe.onWritabilityChanged(direction == Direction.UPSTREAM ? Direction.DOWNSTREAM : Direction.UPSTREAM);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
