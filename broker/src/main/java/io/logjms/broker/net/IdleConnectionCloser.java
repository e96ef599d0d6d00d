package io.logjms.broker.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a client connection from which nothing arrived for {@code connections.idle.timeout.ms}. Clients
 * PING when quiet, so such a connection is one whose network path died without a FIN or RST reaching the
 * broker (a half-open connection). Without this the broker would keep its client id, its durable
 * subscriptions and its unacknowledged messages until TCP gave up, hours later, and the client that
 * reconnected meanwhile could not take them back (CLIENT_ID_IN_USE, SUBSCRIPTION_IN_USE).
 */
final class IdleConnectionCloser extends IdleStateHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IdleConnectionCloser.class);

    private final long timeoutMillis;

    IdleConnectionCloser(long timeoutMillis) {
        super(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        LOG.info("closing the connection from {}: nothing received for {} ms (connections.idle.timeout.ms);"
                + " the client is gone", ctx.channel().remoteAddress(), timeoutMillis);
        ctx.close();
    }
}
