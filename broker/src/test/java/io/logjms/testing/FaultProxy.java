package io.logjms.testing;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.FrameLayout;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 (port 0) between logjms clients and a broker that injects network faults:
 * it parses the length-prefixed frames in both directions (docs/PROTOCOL.md) and, as configured and
 * driven by one seeded {@link Random}, swallows broker-to-client frames of given api keys (and what the
 * broker sends after them on that connection), swallows one and cuts its connection, cuts connections at
 * random, delays every frame, or pauses (holds everything until {@link #resume()}, as a paused broker or
 * a dead network would; a side that closes meanwhile is closed on the other side only at the resume), or
 * turns the open connections into half-open ones ({@link #blackholeOpenConnections()}). HANDSHAKE frames are never dropped nor cut, so a
 * client's first connect always succeeds. A connection the client closes is counted
 * ({@link #closedByClients()}): that is how a test sees a client give up on a broker that stopped answering.
 *
 * <p>Everything runs on one event-loop thread, so the fault decisions follow the seed in frame order.
 * {@link #close()} closes every connection and the thread: call it in {@code @AfterEach}.
 */
public final class FaultProxy implements AutoCloseable {
    private static final int MAX_FRAME = FrameLayout.DEFAULT_MAX_FRAME_BYTES + FrameLayout.LENGTH_FIELD_SIZE;
    /** Held in place of a frame: the other side closed here. */
    private static final Object CLOSE = new Object();

    private enum Direction { TO_BROKER, TO_CLIENT }

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel server;
    private final int brokerPort;
    private final long seed;
    private final Random random;
    private final Set<Link> links = new HashSet<>();
    private final Map<ApiKey, Double> drops = new EnumMap<>(ApiKey.class);
    private final Map<ApiKey, Double> cutsAtAnswer = new EnumMap<>(ApiKey.class);
    private double cutProbability;
    private long delayMillis;
    private int faultBudget = Integer.MAX_VALUE;
    private boolean paused;
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByClients = new AtomicInteger();
    private final List<String> faultLog = new ArrayList<>();

    private FaultProxy(int brokerPort, long seed) {
        this.brokerPort = brokerPort;
        this.seed = seed;
        this.random = new Random(seed);
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
                    .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts a proxy to the broker on 127.0.0.1:{@code brokerPort} whose faults follow {@code seed}. */
    public static FaultProxy start(int brokerPort, long seed) {
        return new FaultProxy(brokerPort, seed);
    }

    /** The seed of a test: the system property {@code property} when set, else a fresh one. */
    public static long seed(String property) {
        Long given = Long.getLong(property);
        return given != null ? given : new Random().nextLong();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public long seed() {
        return seed;
    }

    /**
     * Swallows a broker-to-client frame of {@code apiKey} with this probability, and everything the broker
     * sends on that connection after it, while the connection stays open: the client finds out only by its
     * request timeout. Not the one frame alone: TCP loses nothing in the middle of a stream, and a client
     * that saw later answers while one was missing would be in a state no real fault produces.
     */
    public FaultProxy dropAnswers(ApiKey apiKey, double probability) {
        return onLoop(() -> drops.put(apiKey, probability));
    }

    /** Swallows a broker-to-client frame of {@code apiKey} with this probability and cuts its connection. */
    public FaultProxy cutAtAnswer(ApiKey apiKey, double probability) {
        return onLoop(() -> cutsAtAnswer.put(apiKey, probability));
    }

    /** Cuts the connection instead of passing on a frame (either way) with this probability. */
    public FaultProxy cutRandomly(double probabilityPerFrame) {
        return onLoop(() -> cutProbability = probabilityPerFrame);
    }

    /** At most {@code faults} drops and cuts from now on (cuts by {@link #cutAll()} not counted). */
    public FaultProxy limitFaults(int faults) {
        return onLoop(() -> faultBudget = faults);
    }

    /** Passes every frame on only after {@code delay}, in both directions. */
    public FaultProxy delay(Duration delay) {
        return onLoop(() -> delayMillis = delay.toMillis());
    }

    /** Stops injecting drops and cuts (a pause and the delay stay as they are). */
    public FaultProxy stopFaults() {
        return onLoop(() -> {
            drops.clear();
            cutsAtAnswer.clear();
            cutProbability = 0;
        });
    }

    /** Stops passing anything on, in both directions, on every connection, new ones too; nothing is lost. */
    public void pause() {
        onLoop(() -> paused = true);
    }

    /** Passes on what was held during the pause, in order, and goes on forwarding. */
    public void resume() {
        onLoop(() -> {
            paused = false;
            for (Link link : List.copyOf(links)) {
                link.flushHeld();
            }
        });
    }

    /**
     * The connections open now stop passing anything on, for good, their closing included: each side keeps
     * a half-open connection, as when a network path dies without a FIN or RST. New connections work.
     */
    public void blackholeOpenConnections() {
        onLoop(() -> links.forEach(l -> l.blackholed = true));
    }

    /** Cuts every connection now. */
    public void cutAll() {
        onLoop(() -> List.copyOf(links).forEach(l -> l.cut("cutAll")));
    }

    /** Frames swallowed so far. */
    public int dropped() {
        return dropped.get();
    }

    /** Connections cut so far (by a fault or by {@link #cutAll()}). */
    public int cuts() {
        return cut.get();
    }

    /** Client connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections the client closed (not the proxy, not the broker) so far. */
    public int closedByClients() {
        return closedByClients.get();
    }

    /** The seed and the faults injected, for a failure message. */
    public String describe() {
        synchronized (faultLog) {
            return "FaultProxy[seed=" + seed + ", " + accepted.get()
                    + " connections, " + dropped.get() + " frames dropped, " + cut.get() + " cuts: " + faultLog + "]";
        }
    }

    @Override
    public void close() {
        if (!loop.isShuttingDown()) {
            onLoop(() -> {
                server.close();
                paused = false;
                List.copyOf(links).forEach(l -> l.close());
            });
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private FaultProxy onLoop(Runnable action) {
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
            throw new IllegalStateException("the fault proxy did not run a command: " + e, e);
        }
        return this;
    }

    private void accept(SocketChannel client) {
        accepted.incrementAndGet();
        Link link = new Link(client);
        links.add(link);
        client.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, FrameLayout.LENGTH_FIELD_SIZE),
                new Relay(link, Direction.TO_BROKER));
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0,
                                FrameLayout.LENGTH_FIELD_SIZE), new Relay(link, Direction.TO_CLIENT));
                    }
                })
                .connect("127.0.0.1", brokerPort).addListener(f -> {
                    if (f.isSuccess()) {
                        link.broker = ((io.netty.channel.ChannelFuture) f).channel();
                        client.config().setAutoRead(true);
                    } else {
                        link.close();
                    }
                });
    }

    /** A fault to inject instead of passing {@code frame} on, or null; counts against the budget. */
    private String faultFor(Direction direction, ByteBuf frame) {
        if (faultBudget <= 0 || frame.readableBytes() < FrameLayout.BODY_OFFSET) {
            return null;
        }
        ApiKey key = ApiKey.fromId(frame.getShort(frame.readerIndex() + FrameLayout.API_KEY_OFFSET));
        if (key == ApiKey.HANDSHAKE) {
            return null;
        }
        String fault = null;
        if (direction == Direction.TO_CLIENT && chance(drops.get(key))) {
            fault = "drop " + key;
        } else if (direction == Direction.TO_CLIENT && chance(cutsAtAnswer.get(key))) {
            fault = "cut at " + key;
        } else if (chance(cutProbability)) {
            fault = "cut before " + key + (direction == Direction.TO_BROKER ? " request" : " answer");
        }
        if (fault != null) {
            faultBudget--;
            synchronized (faultLog) {
                faultLog.add(fault);
            }
        }
        return fault;
    }

    private boolean chance(Double probability) {
        return probability != null && probability > 0 && random.nextDouble() < probability;
    }

    /** One client connection and its connection to the broker; touched on the proxy's thread only. */
    private final class Link {
        private final Channel client;
        private Channel broker;
        private final List<Object> heldToBroker = new ArrayList<>();
        private final List<Object> heldToClient = new ArrayList<>();
        private boolean closed;
        private boolean blackholed;
        /** A frame to the client was dropped: nothing more goes to it on this connection. */
        private boolean silentToClient;

        Link(Channel client) {
            this.client = client;
        }

        void onFrame(Direction direction, ByteBuf frame) {
            if (closed || blackholed || (direction == Direction.TO_CLIENT && silentToClient)) {
                if (silentToClient && !closed) {
                    dropped.incrementAndGet();
                }
                frame.release();
                return;
            }
            if (paused) {
                held(direction).add(frame);
                return;
            }
            String fault = faultFor(direction, frame);
            if (fault == null) {
                forward(direction, frame);
                return;
            }
            frame.release();
            if (fault.startsWith("drop")) {
                dropped.incrementAndGet();
                silentToClient = true;
            } else {
                cut(fault);
            }
        }

        /** The side the frames of {@code direction} come from has closed. */
        void onClosed(Direction direction) {
            if (closed) {
                return;
            }
            if (direction == Direction.TO_BROKER) {
                closedByClients.incrementAndGet();
            }
            if (blackholed) {
                return;
            }
            if (paused) {
                held(direction).add(CLOSE);
            } else {
                forward(direction, CLOSE);
            }
        }

        void flushHeld() {
            for (Direction d : Direction.values()) {
                List<Object> items = new ArrayList<>(held(d));
                held(d).clear();
                for (Object item : items) {
                    if (item == CLOSE) {
                        forward(d, CLOSE);
                    } else {
                        onFrame(d, (ByteBuf) item);
                    }
                }
            }
        }

        private List<Object> held(Direction direction) {
            return direction == Direction.TO_BROKER ? heldToBroker : heldToClient;
        }

        private void forward(Direction direction, Object item) {
            Channel target = direction == Direction.TO_BROKER ? broker : client;
            Runnable pass = () -> {
                if (item == CLOSE) {
                    close();
                } else if (target == null || closed) {
                    ((ByteBuf) item).release();
                } else {
                    target.writeAndFlush(item);
                }
            };
            if (delayMillis > 0) {
                loop.schedule(pass, delayMillis, TimeUnit.MILLISECONDS);
            } else {
                pass.run();
            }
        }

        void cut(String why) {
            if (!closed) {
                cut.incrementAndGet();
                close();
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            links.remove(this);
            for (Direction d : Direction.values()) {
                held(d).forEach(item -> {
                    if (item != CLOSE) {
                        ((ByteBuf) item).release();
                    }
                });
                held(d).clear();
            }
            client.close();
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Link link;
        private final Direction direction;

        Relay(Link link, Direction direction) {
            this.link = link;
            this.direction = direction;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            link.onFrame(direction, (ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            link.onClosed(direction);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
