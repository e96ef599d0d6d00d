package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connections of a {@link RoutingBrokerConnection} report, on its way to the JMS layer, for the
 * subscriptions of {@link ClusterSubscriptions}:
 * <ul>
 *   <li>deliveries are noted in their subscription's part (credit), and dropped when they come from a broker whose
 *       part no longer serves that partition (the new leader delivers those records; the credit they took goes
 *       back);</li>
 *   <li>{@code PARTITIONS_LOST} and a lost connection detach the partitions the broker served, for the
 *       {@link PartitionMover} to attach at their new leaders;</li>
 *   <li>the bootstrap connection's reconnect: while no subscription is spread (a standalone broker) it reaches the
 *       JMS layer as it is (the consumers drop what they hold, the sessions forget what they received, the
 *       subscriptions are restored). Once subscriptions are spread it is told per subscription instead
 *       ({@link BrokerEvents#onPartitionsMoving}), so that the consumers keep what the other brokers delivered:
 *       the bootstrap's parts move like any others, and what it holds whole is restored by it as before.</li>
 * </ul>
 * Called on the connections' I/O and reconnect threads; hands work to the mover.
 */
final class SubscriptionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionEvents.class);

    private SubscriptionEvents() {
    }

    static BrokerEvents ofBootstrap(ClusterSubscriptions subscriptions, BrokerEvents jms) {
        return new Bootstrap(subscriptions, jms);
    }

    static BrokerEvents ofLink(ClusterSubscriptions subscriptions, int node) {
        return new Link(subscriptions, node);
    }

    /** Passes a delivery on, unless it comes from a broker that no longer serves the partition to this consumer. */
    private static void deliver(ClusterSubscriptions subscriptions, BrokerEvents jms, int node, int subscriptionId,
                                int partition, List<DeliveredRecord> records, boolean fromBatches) {
        SpreadSubscription s = subscriptions.spread(subscriptionId);
        if (s != null) {
            if (!s.accepts(node, partition)) {
                SpreadSubscription.Part part = s.partAt(node);
                LOG.debug("dropping {} records of partition {} of subscription {}: they come from a broker that no"
                        + " longer serves it", records.size(), partition, subscriptionId);
                if (part != null && !records.isEmpty()) {
                    part.connection().grantCredit(subscriptionId, records.size());
                }
                return;
            }
            if (!records.isEmpty()) {
                s.delivered(node, records.size());
            }
        }
        jms.onDelivery(subscriptionId, partition, records, fromBatches);
    }

    private static void partitionsLost(ClusterSubscriptions subscriptions, int node, int subscriptionId,
                                       List<Integer> partitions) {
        SpreadSubscription s = subscriptions.spread(subscriptionId);
        if (s == null) {
            LOG.debug("partitions {} lost by subscription {}, which is not spread: ignored", partitions, subscriptionId);
            return;
        }
        subscriptions.mover().detach(s, node, partitions, false);
    }

    /** Every partition the broker at {@code node} served moves: its connection is gone. */
    private static void detachAll(ClusterSubscriptions subscriptions, int node) {
        for (SpreadSubscription s : subscriptions.all()) {
            SpreadSubscription.Part part = s.partAt(node);
            if (part != null) {
                subscriptions.mover().detach(s, node, part.partitions(), false);
            }
        }
    }

    private static final class Bootstrap implements BrokerEvents {
        private final ClusterSubscriptions subscriptions;
        private final BrokerEvents jms;
        /** The current interruption was told per subscription, so the reconnect's global effects are not passed on. */
        private final AtomicBoolean toldPerSubscription = new AtomicBoolean();

        Bootstrap(ClusterSubscriptions subscriptions, BrokerEvents jms) {
            this.subscriptions = subscriptions;
            this.jms = jms;
        }

        @Override
        public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches) {
            deliver(subscriptions, jms, ClusterMetadata.UNKNOWN, subscriptionId, partition, records, fromBatches);
        }

        @Override
        public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
            subscriptions.closeSpread(notice.subscriptionId());
            jms.onSubscriptionClosed(notice);
        }

        @Override
        public void onPartitionsLost(int subscriptionId, List<Integer> partitions) {
            partitionsLost(subscriptions, ClusterMetadata.UNKNOWN, subscriptionId, partitions);
        }

        @Override
        public void onConnectionLost(Throwable cause) {
            jms.onConnectionLost(cause);
        }

        @Override
        public void onConnectionInterrupted(Throwable cause) {
            if (subscriptions.all().isEmpty()) {
                toldPerSubscription.set(false);
                jms.onConnectionInterrupted(cause);
                return;
            }
            toldPerSubscription.set(true);
            LOG.warn("lost the connection to the bootstrap broker ({}); its partitions move to their leaders",
                    cause == null ? "closed" : cause.getMessage());
            detachAll(subscriptions, ClusterMetadata.UNKNOWN);
            for (int id : subscriptions.wholeOnBootstrap()) {
                jms.onPartitionsMoving(id, null);
            }
        }

        @Override
        public void onReconnected() {
            if (!toldPerSubscription.get()) {
                jms.onReconnected();
            }
        }

        @Override
        public void onTemporaryDestinationsLost(List<DestinationId> destinations) {
            jms.onTemporaryDestinationsLost(destinations);
        }

        @Override
        public Map<Integer, Long> resumePositions(int subscriptionId) {
            return jms.resumePositions(subscriptionId);
        }

        @Override
        public void onSubscriptionRestored(int subscriptionId, Map<Integer, Long> positions) {
            jms.onSubscriptionRestored(subscriptionId, positions);
        }

        @Override
        public void onConnectionRestored() {
            jms.onConnectionRestored();
            subscriptions.routing().refreshKnown().whenComplete((v, e) -> subscriptions.reachableAgain());
        }
    }

    private static final class Link implements BrokerEvents {
        private final ClusterSubscriptions subscriptions;
        private final int node;

        Link(ClusterSubscriptions subscriptions, int node) {
            this.subscriptions = subscriptions;
            this.node = node;
        }

        @Override
        public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches) {
            deliver(subscriptions, subscriptions.routing().events(), node, subscriptionId, partition, records,
                    fromBatches);
        }

        @Override
        public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
            subscriptions.closeSpread(notice.subscriptionId());
            subscriptions.routing().events().onSubscriptionClosed(notice);
        }

        @Override
        public void onPartitionsLost(int subscriptionId, List<Integer> partitions) {
            partitionsLost(subscriptions, node, subscriptionId, partitions);
        }

        @Override
        public void onConnectionInterrupted(Throwable cause) {
            LOG.warn("lost the connection to broker node {} ({}); its partitions move to their leaders", node,
                    cause == null ? "closed" : cause.getMessage());
            detachAll(subscriptions, node);
        }

        /** Nothing to restore: the parts it served were detached when it was lost, and attach where led now. */
        @Override
        public Map<Integer, Long> resumePositions(int subscriptionId) {
            return null;
        }

        @Override
        public void onConnectionRestored() {
            subscriptions.reachableAgain();
        }

        /** The link gave up (or does not reconnect): its parts move, within the consumers' own reconnect timeout. */
        @Override
        public void onConnectionLost(Throwable cause) {
            LOG.warn("gave up the connection to broker node {}: {}", node, cause == null ? "closed" : cause.getMessage());
            detachAll(subscriptions, node);
        }
    }
}
