package io.logjms.provider.client;

import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.provider.client.PendingCall.OnLoss;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How {@link PartitionMover} attaches partitions over a connection. Over a connection that reconnects, a request is
 * failed by a loss (at once while reconnecting) instead of being held for the reconnect, which may never come if the
 * broker died, and is not among what the reconnect restores: the mover detaches a lost connection's partitions and
 * attaches them wherever they are led by then. Stateless.
 */
final class Attachments {
    private Attachments() {
    }

    static CompletableFuture<SubscribeResponse> subscribe(BrokerConnection c, SubscribeRequest request) {
        return c instanceof ReconnectingBrokerConnection r
                ? r.call("subscribe", on -> on.subscribe(request), OnLoss.RETURN, null) : c.subscribe(request);
    }

    /** SUBSCRIPTION_PARTITIONS: the partitions the attachment covers from now on. */
    static CompletableFuture<SubscribeResponse> cover(BrokerConnection c, int subscriptionId, List<Integer> partitions) {
        return c instanceof ReconnectingBrokerConnection r
                ? r.call("change the partitions of a subscription", on -> on.subscriptionPartitions(subscriptionId,
                        partitions), OnLoss.RETURN, null)
                : c.subscriptionPartitions(subscriptionId, partitions);
    }
}
