package io.logjms.provider.client;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;

/** Passes on what one underlying connection reports, as long as it is the current one. */
final class ConnectionRouter implements BrokerEvents {
    private volatile ReconnectingBrokerConnection owner;
    private volatile Throwable lostBeforeBound;
    private volatile boolean lost;

    void bind(ReconnectingBrokerConnection connection) {
        owner = connection;
        if (lost) {
            connection.lost(this, lostBeforeBound);
        }
    }

    private boolean isCurrent() {
        ReconnectingBrokerConnection o = owner;
        return o != null && o.isCurrentRouter(this);
    }

    @Override
    public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches) {
        if (isCurrent()) {
            owner.events().onDelivery(subscriptionId, partition, records, fromBatches);
        }
    }

    @Override
    public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
        if (isCurrent()) {
            owner.events().onSubscriptionClosed(notice);
        }
    }

    @Override
    public void onPartitionsLost(int subscriptionId, List<Integer> partitions) {
        if (isCurrent()) {
            owner.events().onPartitionsLost(subscriptionId, partitions);
        }
    }

    @Override
    public void onConnectionLost(Throwable cause) {
        ReconnectingBrokerConnection o = owner;
        if (o == null) {
            lostBeforeBound = cause;
            lost = true;
        } else {
            o.lost(this, cause);
        }
    }
}
