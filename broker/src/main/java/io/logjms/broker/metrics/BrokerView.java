package io.logjms.broker.metrics;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.log.LogState;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.subscription.SubscriptionAdmin.PartitionProgress;
import io.logjms.broker.subscription.SubscriptionException;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.subscription.SubscriptionSummary;
import io.logjms.protocol.DestinationType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Reads the state of a running broker for the gauges, the health check and the console: destinations
 * with their partitions, subscriptions with lag and deliveries, connections. Subscriptions are read as
 * the admin tools read them ({@code subscriptions list --lag}), stored ones included.
 */
public final class BrokerView {
    private final DestinationManager destinations;
    private final SubscriptionManager subscriptions;
    private final IntSupplier connections;
    private final BrokerMetrics metrics;

    public BrokerView(DestinationManager destinations, SubscriptionManager subscriptions, IntSupplier connections,
                      BrokerMetrics metrics) {
        this.destinations = destinations;
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** The state at one moment, for a scrape or a console request. */
    public record Snapshot(List<DestinationStatus> destinations, List<SubscriptionStatus> subscriptions,
                           int connections) {
        public static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), 0);
    }

    public Snapshot snapshot() {
        List<SubscriptionStatus> subs = subscriptionStatuses();
        Map<String, Long> queueLag = new HashMap<>();
        subs.forEach(s -> queueLag.put(s.id(), s.lag()));
        List<DestinationStatus> dests = new ArrayList<>();
        for (Destination d : sorted(destinations.all())) {
            List<PartitionStatus> partitions = partitions(d);
            long depth = -1;
            if (d.id().type() == DestinationType.QUEUE) {
                depth = queueLag.getOrDefault("queue/" + d.id().name(), 0L);
            }
            dests.add(new DestinationStatus(d.id(), partitions, depth));
        }
        return new Snapshot(dests, subs, connections());
    }

    public int connections() {
        return connections.getAsInt();
    }

    /** The partitions whose log went offline after a disk error, as {@code queue.orders-0}. */
    public List<String> offlinePartitions() {
        List<String> offline = new ArrayList<>();
        for (Destination d : destinations.all()) {
            for (PartitionLog log : d.logs()) {
                if (log.state() == LogState.OFFLINE) {
                    offline.add(log.topicPartition().toString());
                }
            }
        }
        return offline;
    }

    private static List<Destination> sorted(List<Destination> all) {
        List<Destination> list = new ArrayList<>(all);
        list.sort(Comparator.comparing((Destination d) -> d.id().name()).thenComparing(d -> d.id().type()));
        return list;
    }

    private static List<PartitionStatus> partitions(Destination d) {
        List<PartitionLog> logs = d.logs();
        List<PartitionStatus> list = new ArrayList<>(logs.size());
        for (int p = 0; p < logs.size(); p++) {
            PartitionLog log = logs.get(p);
            list.add(new PartitionStatus(p, log.logStartOffset(), log.logEndOffset(), log.state() == LogState.ONLINE));
        }
        return list;
    }

    private List<SubscriptionStatus> subscriptionStatuses() {
        List<SubscriptionStatus> list = new ArrayList<>();
        for (SubscriptionSummary info : subscriptions.list(null)) {
            SubscriptionSummary description;
            try {
                description = subscriptions.describe(info.id());
            } catch (SubscriptionException | DestinationException e) {
                continue; // deleted meanwhile, or its topic is gone: nothing to show
            }
            long lag = 0;
            long inFlight = 0;
            for (PartitionProgress p : description.partitions()) {
                lag += Math.max(0, p.logEndOffset() - p.committed());
                inFlight += p.inFlight();
            }
            list.add(new SubscriptionStatus(info.id(), info.kind().name(), info.destination(),
                    description.consumers(), lag, inFlight, metrics.deliveries(info.id())));
        }
        return list;
    }
}
