package io.logjms.provider.client;

import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How {@link PartitionMover} attaches partitions over a connection: a connection that reconnects fails the request
 * when it is lost (rather than holding it for its reconnect, which may never come if the broker died), so the mover
 * attaches them wherever they are led by then. Stateless.
 */
final class Attachments {
    private Attachments() {
    }

    static CompletableFuture<SubscribeResponse> subscribe(BrokerConnection c, SubscribeRequest request) {
        return c instanceof ReconnectingBrokerConnection r ? r.subscribeOrReturn(request) : c.subscribe(request);
    }

    static CompletableFuture<SubscribeResponse> extend(BrokerConnection c, int subscriptionId, List<Integer> partitions) {
        return c instanceof ReconnectingBrokerConnection r ? r.subscriptionPartitionsOrReturn(subscriptionId, partitions)
                : c.subscriptionPartitions(subscriptionId, partitions);
    }
}
