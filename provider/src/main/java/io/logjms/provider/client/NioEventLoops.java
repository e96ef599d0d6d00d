package io.logjms.provider.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.ThreadFactory;

/**
 * Creates NIO event loop groups through the API that Netty 4.1 and 4.2 both have, so the client runs on
 * the Netty 4.1 that Spring Boot 3.5 manages as well as on the 4.2 logjms is built with (docs/SPRING.md).
 * Netty 4.2 deprecates {@link NioEventLoopGroup} in favour of {@code MultiThreadIoEventLoopGroup}, which
 * 4.1 lacks; in 4.2 the old class is a thin wrapper over the new one, so nothing is lost.
 */
public final class NioEventLoops {
    private NioEventLoops() {
    }

    /** A group of {@code threads} NIO event loops (0: Netty's default, twice the processors). */
    @SuppressWarnings("deprecation")
    public static EventLoopGroup create(int threads, ThreadFactory threadFactory) {
        return new NioEventLoopGroup(threads, threadFactory);
    }
}
