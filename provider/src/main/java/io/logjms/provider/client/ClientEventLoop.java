package io.logjms.provider.client;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The I/O threads shared by every client connection in this JVM. Daemon threads, so an application
 * that forgets to close a connection can still exit.
 */
final class ClientEventLoop {
    private static final EventLoopGroup GROUP = NioEventLoops.create(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
            new DefaultThreadFactory("logjms-client-io", true));

    private ClientEventLoop() {
    }

    static EventLoopGroup group() {
        return GROUP;
    }
}
