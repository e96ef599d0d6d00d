package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.protocol.api.SubscriptionKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of {@link RoutingBrokerConnection}: a non-durable topic subscriber (without noLocal) whose
 * partitions are led by different brokers becomes a {@link SpreadSubscription}, one subscription per leading
 * broker restricted to the partitions it leads, all under the consumer's id; a queue browser reads each
 * partition from its leader. Everything else is one subscription on the bootstrap connection, as on a single
 * broker. Thread-safe.
 */
final class ClusterSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSubscriptions.class);

    private final RoutingBrokerConnection routing;
    private final ConcurrentHashMap<Integer, SpreadSubscription> spread = new ConcurrentHashMap<>();

    ClusterSubscriptions(RoutingBrokerConnection routing) {
        this.routing = routing;
    }

    /**
     * Whether a subscription may be spread over its partitions' leaders: a non-durable topic subscriber. noLocal
     * stays on the bootstrap (a broker skips the records of the connection that subscribed, and the records this
     * client sends carry the bootstrap connection's id); durable, shared and queue cursors across brokers come
     * with cluster part 2.
     */
    static boolean spreadable(SubscribeRequest request) {
        return request.kind() == SubscriptionKind.NON_DURABLE && request.destination().type() == DestinationType.TOPIC
                && !request.noLocal() && request.partitions().isEmpty();
    }

    CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request) {
        if (!spreadable(request)) {
            return routing.bootstrap().subscribe(request);
        }
        return leadersOf(request.destination()).thenCompose(leaders -> {
            Map<Integer, List<Integer>> byNode = partitionsByNode(request.destination(), leaders);
            if (byNode.size() <= 1 && (byNode.isEmpty() || byNode.containsKey(ClusterMetadata.UNKNOWN))) {
                return routing.bootstrap().subscribe(request);
            }
            return subscribeSpread(request, byNode);
        });
    }

    /** The destination's leaders, asked for when not known yet (empty when the broker tells none). */
    private CompletableFuture<Optional<List<MetadataResponse.PartitionLeader>>> leadersOf(DestinationId destination) {
        Optional<List<MetadataResponse.PartitionLeader>> known = routing.clusterMetadata().leaders(destination);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known);
        }
        return routing.metadata(List.of(destination), false)
                .handle((r, e) -> routing.clusterMetadata().leaders(destination));
    }

    /** Partitions by the node key that serves them; partitions without a leader stay with the bootstrap. */
    private Map<Integer, List<Integer>> partitionsByNode(DestinationId destination,
                                                         Optional<List<MetadataResponse.PartitionLeader>> leaders) {
        Map<Integer, List<Integer>> byNode = new TreeMap<>();
        if (leaders.isEmpty()) {
            return byNode;
        }
        for (int p = 0; p < leaders.get().size(); p++) {
            int node = routing.nodeKey(destination, p);
            byNode.computeIfAbsent(node == ClusterMetadata.NO_LEADER ? ClusterMetadata.UNKNOWN : node,
                    n -> new ArrayList<>()).add(p);
        }
        return byNode;
    }

    /**
     * Opens the connections first and registers the spread subscription before subscribing, so the first
     * deliveries already count for credit; a part that fails undoes the others.
     */
    private CompletableFuture<SubscribeResponse> subscribeSpread(SubscribeRequest request,
                                                                 Map<Integer, List<Integer>> byNode) {
        Map<Integer, CompletableFuture<BrokerConnection>> connections = new LinkedHashMap<>();
        byNode.keySet().forEach(node -> connections.put(node, routing.connectionTo(node)));
        int id = request.subscriptionId();
        return CompletableFuture.allOf(connections.values().toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<SpreadSubscription.Part> parts = new ArrayList<>();
            byNode.forEach((node, partitions) -> parts.add(new SpreadSubscription.Part(node,
                    connections.get(node).join(), partitions)));
            SpreadSubscription s = new SpreadSubscription(id, request.initialCredit(), parts);
            spread.put(id, s);
            List<CompletableFuture<SubscribeResponse>> answers = new ArrayList<>();
            parts.forEach(p -> answers.add(p.connection().subscribe(request.forPartitions(p.partitions()))));
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).handle((done, error) -> {
                if (error != null) {
                    spread.remove(id, s);
                    for (int i = 0; i < parts.size(); i++) {
                        if (!answers.get(i).isCompletedExceptionally()) {
                            parts.get(i).connection().unsubscribe(id);
                        }
                    }
                    throw new CompletionException(LeaderErrors.unwrap(error));
                }
                Map<Integer, Long> positions = new TreeMap<>();
                answers.forEach(a -> positions.putAll(a.join().positions()));
                LOG.debug("subscription {} to {} spread over brokers {}", id, request.destination(), byNode);
                return new SubscribeResponse(positions);
            });
        });
    }

    void grantCredit(int subscriptionId, int credit) {
        SpreadSubscription s = spread.get(subscriptionId);
        if (s == null) {
            routing.bootstrap().grantCredit(subscriptionId, credit);
            return;
        }
        int[] shares = s.share(credit);
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] > 0) {
                s.parts().get(i).connection().grantCredit(subscriptionId, shares[i]);
            }
        }
    }

    void withdrawCredit(int subscriptionId) {
        SpreadSubscription s = spread.get(subscriptionId);
        if (s == null) {
            routing.bootstrap().withdrawCredit(subscriptionId);
            return;
        }
        s.withdrawn();
        s.parts().forEach(p -> p.connection().withdrawCredit(subscriptionId));
    }

    CompletableFuture<Void> unsubscribe(int subscriptionId) {
        SpreadSubscription s = spread.remove(subscriptionId);
        if (s == null) {
            return routing.bootstrap().unsubscribe(subscriptionId);
        }
        return allOf(s.parts().stream().map(p -> p.connection().unsubscribe(subscriptionId)).toList());
    }

    CompletableFuture<Void> acknowledge(AckRequest ack) {
        SpreadSubscription s = spread.get(ack.subscriptionId());
        if (s == null) {
            return routing.bootstrap().acknowledge(ack);
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        s.split(ack).forEach((part, a) -> all.add(part.connection().acknowledge(a)));
        return allOf(all);
    }

    void acknowledgeOneWay(AckRequest ack) {
        SpreadSubscription s = spread.get(ack.subscriptionId());
        if (s == null) {
            routing.bootstrap().acknowledgeOneWay(ack);
            return;
        }
        s.split(ack).forEach((part, a) -> part.connection().acknowledgeOneWay(a));
    }

    CompletableFuture<Void> release(ReleaseRequest release) {
        SpreadSubscription s = spread.get(release.subscriptionId());
        if (s == null) {
            return routing.bootstrap().release(release);
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        s.split(release).forEach((part, r) -> all.add(part.connection().release(r)));
        return allOf(all);
    }

    CompletableFuture<SubscribeResponse> seek(SeekRequest request) {
        SpreadSubscription s = spread.get(request.subscriptionId());
        if (s == null) {
            return routing.bootstrap().seek(request);
        }
        if (request.partition() != SeekRequest.ALL_PARTITIONS) {
            return s.partOf(request.partition()).connection().seek(request);
        }
        return merged(s.parts().stream().map(p -> p.connection().seek(request)).toList());
    }

    CompletableFuture<SubscribeResponse> positions(int subscriptionId) {
        SpreadSubscription s = spread.get(subscriptionId);
        if (s == null) {
            return routing.bootstrap().positions(subscriptionId);
        }
        return merged(s.parts().stream().map(p -> p.connection().positions(subscriptionId)).toList());
    }

    /** The node keys that hold the records an acknowledgement names ({@link ClusterMetadata#UNKNOWN}: bootstrap). */
    Set<Integer> nodesOf(AckRequest ack) {
        SpreadSubscription s = spread.get(ack.subscriptionId());
        if (s == null) {
            return Set.of(ClusterMetadata.UNKNOWN);
        }
        return s.split(ack).keySet().stream().map(SpreadSubscription.Part::node).collect(Collectors.toSet());
    }

    /** An acknowledgement split by the node key of the connection holding each record's consumer. */
    Map<Integer, AckRequest> ackByNode(AckRequest ack) {
        SpreadSubscription s = spread.get(ack.subscriptionId());
        if (s == null) {
            return Map.of(ClusterMetadata.UNKNOWN, ack);
        }
        Map<Integer, AckRequest> byNode = new LinkedHashMap<>();
        s.split(ack).forEach((part, a) -> byNode.put(part.node(), a));
        return byNode;
    }

    /**
     * Browses a queue partition by partition at each partition's leader: each leader is asked for the partitions
     * it leads (their positions only), and only its records of those partitions are kept. A queue whose partitions
     * all have one leader (or none known) is browsed on that broker in one request, as on a single broker.
     */
    CompletableFuture<BrowseResponse> browse(BrowseRequest request) {
        return leadersOf(request.destination()).thenCompose(leaders -> {
            Map<Integer, List<Integer>> byNode = partitionsByNode(request.destination(), leaders);
            if (byNode.size() <= 1) {
                int node = byNode.isEmpty() ? ClusterMetadata.UNKNOWN : byNode.keySet().iterator().next();
                return routing.connectionTo(node).thenCompose(c -> c.browse(request));
            }
            List<CompletableFuture<BrowseResponse>> pages = new ArrayList<>();
            byNode.forEach((node, partitions) -> {
                Map<Integer, Long> positions = new LinkedHashMap<>(request.positions());
                positions.keySet().retainAll(partitions);
                BrowseRequest part = new BrowseRequest(request.destination(), request.selector(),
                        request.maxRecords(), positions);
                pages.add(routing.connectionTo(node).thenCompose(c -> c.browse(part))
                        .thenApply(page -> onlyPartitions(page, partitions)));
            });
            return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<BrowseResponse.BrowsedRecord> records = new ArrayList<>();
                Map<Integer, Long> positions = new TreeMap<>();
                boolean done = true;
                for (CompletableFuture<BrowseResponse> p : pages) {
                    BrowseResponse page = p.join();
                    records.addAll(page.records());
                    positions.putAll(page.positions());
                    done &= page.done();
                }
                return new BrowseResponse(records, positions, done);
            });
        });
    }

    private static BrowseResponse onlyPartitions(BrowseResponse page, List<Integer> partitions) {
        List<BrowseResponse.BrowsedRecord> records = page.records().stream()
                .filter(r -> partitions.contains(r.partition())).toList();
        Map<Integer, Long> positions = new TreeMap<>(page.positions());
        positions.keySet().retainAll(partitions);
        return new BrowseResponse(records, positions, page.done());
    }

    private static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> all) {
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<SubscribeResponse> merged(List<CompletableFuture<SubscribeResponse>> answers) {
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<Integer, Long> positions = new TreeMap<>();
            answers.forEach(a -> positions.putAll(a.join().positions()));
            return new SubscribeResponse(positions);
        });
    }

    /**
     * What the bootstrap connection reports, on its way to the JMS layer: deliveries of spread subscriptions are
     * noted for credit; when the bootstrap connection is replaced, the JMS layer drops what its consumers hold and
     * resumes them where they stand, so the parts of a spread subscription on other brokers are moved back there
     * too ({@link #resumeLinkParts}).
     */
    BrokerEvents bootstrapEvents(BrokerEvents jms) {
        return new BrokerEvents() {
            @Override
            public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records,
                                   boolean fromBatches) {
                noteDelivery(subscriptionId, partition, records);
                jms.onDelivery(subscriptionId, partition, records, fromBatches);
            }

            @Override
            public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
                closeSpread(notice.subscriptionId());
                jms.onSubscriptionClosed(notice);
            }

            @Override
            public void onConnectionLost(Throwable cause) {
                jms.onConnectionLost(cause);
            }

            @Override
            public void onConnectionInterrupted(Throwable cause) {
                jms.onConnectionInterrupted(cause);
            }

            @Override
            public void onReconnected() {
                jms.onReconnected();
                for (SpreadSubscription s : spread.values()) {
                    if (s.parts().stream().noneMatch(p -> p.connection() == routing.bootstrap())) {
                        int id = s.id();
                        Map<Integer, Long> at = jms.resumePositions(id);
                        if (at != null) {
                            resumeLinkParts(id, s, at);
                            jms.onSubscriptionRestored(id, at);
                        }
                    }
                }
            }

            @Override
            public void onTemporaryDestinationsLost(List<DestinationId> destinations) {
                jms.onTemporaryDestinationsLost(destinations);
            }

            @Override
            public Map<Integer, Long> resumePositions(int subscriptionId) {
                Map<Integer, Long> at = jms.resumePositions(subscriptionId);
                SpreadSubscription s = spread.get(subscriptionId);
                if (s != null && at != null) {
                    resumeLinkParts(subscriptionId, s, at);
                }
                return at;
            }

            @Override
            public void onSubscriptionRestored(int subscriptionId, Map<Integer, Long> positions) {
                SpreadSubscription s = spread.get(subscriptionId);
                Map<Integer, Long> all = positions;
                if (s != null && s.resumedAt() != null) {
                    all = new TreeMap<>(s.resumedAt());
                    all.putAll(positions);
                }
                jms.onSubscriptionRestored(subscriptionId, all);
            }

            @Override
            public void onConnectionRestored() {
                jms.onConnectionRestored();
            }
        };
    }

    private void noteDelivery(int subscriptionId, int partition, List<DeliveredRecord> records) {
        SpreadSubscription s = spread.get(subscriptionId);
        if (s != null && !records.isEmpty()) {
            s.delivered(partition, records.size(), records.get(records.size() - 1).offset() + 1);
        }
    }

    private void closeSpread(int subscriptionId) {
        SpreadSubscription s = spread.remove(subscriptionId);
        if (s != null) {
            s.parts().forEach(p -> p.connection().unsubscribe(subscriptionId));
        }
    }

    /**
     * Moves the parts of a spread subscription served by other brokers than the bootstrap back to where the
     * consumer stands (it dropped what it held), each with its whole window again.
     */
    private void resumeLinkParts(int id, SpreadSubscription s, Map<Integer, Long> at) {
        s.resumedAt(at);
        s.restarted();
        for (SpreadSubscription.Part part : s.parts()) {
            if (part.connection() == routing.bootstrap()) {
                continue;
            }
            part.connection().withdrawCredit(id);
            List<CompletableFuture<SubscribeResponse>> seeks = new ArrayList<>();
            for (int p : part.partitions()) {
                Long offset = at.get(p);
                if (offset != null) {
                    seeks.add(part.connection().seek(new SeekRequest(id, SeekMode.OFFSET, offset, p)));
                }
            }
            CompletableFuture.allOf(seeks.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("could not move subscription {} back to where its consumer stands on broker node {}: {}",
                            id, part.node(), LeaderErrors.describe(e));
                }
                part.connection().grantCredit(id, s.window());
            });
        }
    }

    /**
     * What a link to {@code node} reports: deliveries and closed subscriptions go to the JMS layer (a delivery
     * first noted in its spread subscription, for credit and for resuming); the link's own reconnects stay here:
     * its spread parts are subscribed again right after the last record they delivered.
     */
    BrokerEvents linkEvents(int node) {
        return new BrokerEvents() {
            @Override
            public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records,
                                   boolean fromBatches) {
                noteDelivery(subscriptionId, partition, records);
                routing.events().onDelivery(subscriptionId, partition, records, fromBatches);
            }

            @Override
            public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
                closeSpread(notice.subscriptionId());
                routing.events().onSubscriptionClosed(notice);
            }

            @Override
            public Map<Integer, Long> resumePositions(int subscriptionId) {
                SpreadSubscription s = spread.get(subscriptionId);
                if (s == null) {
                    return null;
                }
                for (SpreadSubscription.Part p : s.parts()) {
                    if (p.node() == node) {
                        return s.resumePositions(p.partitions());
                    }
                }
                return null;
            }

            @Override
            public void onConnectionInterrupted(Throwable cause) {
                LOG.warn("lost the connection to broker node {} ({}); reconnecting", node,
                        cause == null ? "closed" : cause.getMessage());
            }

            /**
             * The link gave up: the spread subscribers it served can no longer receive all their partitions, so
             * they end, and their consumers say why (rather than missing those partitions without a word).
             */
            @Override
            public void onConnectionLost(Throwable cause) {
                String why = cause == null ? "closed" : cause.getMessage();
                LOG.warn("gave up the connection to broker node {}: {}", node, why);
                for (SpreadSubscription s : List.copyOf(spread.values())) {
                    for (SpreadSubscription.Part p : s.parts()) {
                        if (p.node() == node && spread.remove(s.id(), s)) {
                            s.parts().stream().filter(other -> other != p)
                                    .forEach(other -> other.connection().unsubscribe(s.id()));
                            routing.events().onSubscriptionClosed(new SubscriptionClosedNotice(s.id(),
                                    ErrorCode.UNKNOWN_ERROR, "the connection to broker node " + node + ", which"
                                    + " serves partitions " + p.partitions() + " of this subscriber, was lost and"
                                    + " not re-established within reconnectTimeout (" + why + ")"));
                        }
                    }
                }
            }
        };
    }
}
