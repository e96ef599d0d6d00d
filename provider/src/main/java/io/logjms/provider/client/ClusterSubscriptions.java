package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of {@link RoutingBrokerConnection}. In a cluster (the broker names the destination's leaders)
 * every kind of subscription (non-durable, durable, shared, queue, noLocal) becomes a {@link SpreadSubscription}:
 * one attachment per broker leading some of its partitions, restricted to them, all under the consumer's id,
 * attached and moved after leader changes by the {@link PartitionMover}. Acknowledgements, releases, credit, seeks
 * and positions go to the attachment serving each partition, in order per partition; those naming a partition
 * between two leaders are dropped (its records come again from the new leader), and a leader error in their
 * answer makes the partition move rather than reach the application. A queue browser reads each partition at its
 * leader. With a standalone broker (metadata names no other broker) and for temporary destinations (they live on the
 * broker of the connection that made them) a subscription is one whole subscription on the bootstrap connection,
 * restored by it after a reconnect, as on a single broker. Thread-safe.
 */
final class ClusterSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSubscriptions.class);
    /** The prefix the broker reserves for temporary destinations' names. */
    static final String TEMPORARY_PREFIX = "tmp.";

    private final RoutingBrokerConnection routing;
    private final ReconnectBackoff backoff;
    private final ReconnectScheduler scheduler;
    private final PartitionMover mover;
    private final ConcurrentHashMap<Integer, SpreadSubscription> spread = new ConcurrentHashMap<>();
    /** Subscriptions held whole by the bootstrap connection. */
    private final Set<Integer> whole = ConcurrentHashMap.newKeySet();

    ClusterSubscriptions(RoutingBrokerConnection routing, ReconnectBackoff backoff, ReconnectScheduler scheduler) {
        this.routing = routing;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.mover = new PartitionMover(new MoverCluster(), backoff, scheduler);
    }

    CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request) {
        if (request.destination().name().startsWith(TEMPORARY_PREFIX)) {
            return wholeOnBootstrap(request);
        }
        return leadersOf(request.destination()).thenCompose(leaders -> {
            if (leaders.isEmpty() || leaders.get().isEmpty() || !routing.clusterMetadata().isCluster()) {
                return wholeOnBootstrap(request);
            }
            SpreadSubscription s = new SpreadSubscription(request, leaders.get().size());
            spread.put(request.subscriptionId(), s);
            s.established().whenComplete((r, e) -> {
                if (e instanceof java.util.concurrent.CancellationException) {
                    mover.giveUp(s, e); // the consumer stopped waiting (interrupted): nothing may stay attached
                }
            });
            mover.trigger(s);
            return s.established();
        });
    }

    private CompletableFuture<SubscribeResponse> wholeOnBootstrap(SubscribeRequest request) {
        int id = request.subscriptionId();
        whole.add(id);
        return routing.bootstrap().subscribe(request).whenComplete((r, e) -> {
            if (e != null) {
                whole.remove(id);
            }
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

    SpreadSubscription spread(int subscriptionId) {
        return spread.get(subscriptionId);
    }

    Collection<SpreadSubscription> all() {
        return spread.values();
    }

    Set<Integer> wholeOnBootstrap() {
        return Set.copyOf(whole);
    }

    PartitionMover mover() {
        return mover;
    }

    /** Metadata named new leaders for these destinations: their subscriptions move where needed. */
    void leadersChanged(Set<DestinationId> destinations) {
        for (SpreadSubscription s : spread.values()) {
            if (destinations.contains(s.destination())) {
                mover.trigger(s);
            }
        }
    }

    /** A connection came back: partitions that waited for it are attached now. */
    void reachableAgain() {
        spread.values().forEach(mover::trigger);
    }

    // ---- credit ----

    void grantCredit(int subscriptionId, int credit) {
        SpreadSubscription s = spread.get(subscriptionId);
        if (s == null) {
            routing.bootstrap().grantCredit(subscriptionId, credit);
            return;
        }
        s.share(credit).forEach((part, grant) -> {
            if (grant > 0) {
                part.connection().grantCredit(subscriptionId, grant);
            }
        });
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
            whole.remove(subscriptionId);
            return routing.bootstrap().unsubscribe(subscriptionId);
        }
        s.close();
        return allOf(s.parts().stream().map(p -> p.connection().unsubscribe(subscriptionId)
                .exceptionally(e -> ignoreLeaderError(e, null))).toList());
    }

    // ---- acknowledgements and releases ----

    CompletableFuture<Void> acknowledge(AckRequest ack) {
        SpreadSubscription s = spread.get(ack.subscriptionId());
        if (s == null) {
            return routing.bootstrap().acknowledge(ack);
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        s.split(ack).forEach((part, a) -> all.add(part.connection().acknowledge(a)
                .exceptionally(e -> leaderErrorMoves(s, part, a.records(), e))));
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
        s.split(release).forEach((part, r) -> all.add(part.connection().release(r)
                .exceptionally(e -> leaderErrorMoves(s, part, r.records(), e))));
        return allOf(all);
    }

    /**
     * An acknowledgement or release a part refused because its broker no longer leads (some of) those partitions, or
     * lost with the connection: the records come again from the new leader, so the application hears nothing; a
     * refusal makes the partitions move. Anything else fails the request.
     */
    private Void leaderErrorMoves(SpreadSubscription s, SpreadSubscription.Part part, List<RecordRef> refs,
                                  Throwable error) {
        Throwable cause = LeaderErrors.unwrap(error);
        if (cause instanceof ProtocolErrorException && LeaderErrors.leaderMoved(cause)) {
            Set<Integer> partitions = new TreeSet<>();
            refs.forEach(r -> partitions.add(r.partition()));
            LOG.info("broker {} no longer leads partitions {} of subscription {} ({}); moving them", part.node(),
                    partitions, s.id(), cause.getMessage());
            mover.detach(s, part.node(), partitions, true);
            return null;
        }
        return ignoreLeaderError(error, null);
    }

    private static Void ignoreLeaderError(Throwable error, Void none) {
        if (LeaderErrors.leaderMoved(error)) {
            return none;
        }
        throw new java.util.concurrent.CompletionException(LeaderErrors.unwrap(error));
    }

    // ---- seek and positions ----

    CompletableFuture<SubscribeResponse> seek(SeekRequest request) {
        SpreadSubscription s = spread.get(request.subscriptionId());
        if (s == null) {
            return routing.bootstrap().seek(request);
        }
        int partition = request.partition();
        return whenAttached(s, partition, 0, scheduler.nowMillis(), sub -> {
            if (partition != SeekRequest.ALL_PARTITIONS) {
                SpreadSubscription.Part part = sub.partOf(partition);
                if (part == null) {
                    return CompletableFuture.failedFuture(new NoLeaderException("partition " + partition + " of "
                            + sub.destination() + " is moving to its new leader"));
                }
                return part.connection().seek(request).exceptionally(e -> {
                    throw moveOnRefusal(sub, part, List.of(partition), e);
                });
            }
            return merged(sub.parts().stream().map(p -> p.connection().seek(request)
                    .exceptionally(e -> {
                        throw moveOnRefusal(sub, p, p.partitions(), e);
                    })).toList());
        });
    }

    CompletableFuture<SubscribeResponse> positions(int subscriptionId) {
        SpreadSubscription s = spread.get(subscriptionId);
        if (s == null) {
            return routing.bootstrap().positions(subscriptionId);
        }
        return whenAttached(s, SeekRequest.ALL_PARTITIONS, 0, scheduler.nowMillis(), sub -> merged(sub.parts()
                .stream().map(p -> p.connection().positions(subscriptionId).exceptionally(e -> {
                    throw moveOnRefusal(sub, p, p.partitions(), e);
                })).toList()));
    }

    /** A refusal that says the leader moved: the partitions move, and the failure is returned to retry. */
    private java.util.concurrent.CompletionException moveOnRefusal(SpreadSubscription s, SpreadSubscription.Part part,
                                                                 List<Integer> partitions, Throwable error) {
        Throwable cause = LeaderErrors.unwrap(error);
        if (cause instanceof ProtocolErrorException && LeaderErrors.leaderMoved(cause)) {
            mover.detach(s, part.node(), partitions, true);
        }
        return new java.util.concurrent.CompletionException(cause);
    }

    /**
     * Sends a request once the partition ({@link SeekRequest#ALL_PARTITIONS}: every partition) is attached, and again
     * if the answer says the leader moved (after the partition moved), until {@code reconnectTimeout} runs out.
     */
    private <T> CompletableFuture<T> whenAttached(SpreadSubscription s, int partition, int attempt, long since,
                                                  Function<SpreadSubscription, CompletableFuture<T>> request) {
        if (s.isClosed()) {
            return CompletableFuture.failedFuture(new ConnectionLostException("the subscription ended", null));
        }
        List<Integer> detached = s.detached();
        boolean waiting = partition == SeekRequest.ALL_PARTITIONS ? !detached.isEmpty() : detached.contains(partition);
        if (waiting) {
            return later(s, partition, attempt, since, request, s.lastFailure());
        }
        return request.apply(s).handle((r, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(r);
            }
            if (LeaderErrors.leaderMoved(e)) {
                return later(s, partition, attempt, since, request, LeaderErrors.unwrap(e));
            }
            return CompletableFuture.<T>failedFuture(LeaderErrors.unwrap(e));
        }).thenCompose(f -> f);
    }

    /** {@link #whenAttached} again after a pause, or a failure once {@code reconnectTimeout} ran out. */
    private <T> CompletableFuture<T> later(SpreadSubscription s, int partition, int attempt, long since,
                                           Function<SpreadSubscription, CompletableFuture<T>> request,
                                           Throwable last) {
        long pause = backoff.next(attempt, scheduler.nowMillis() - since);
        if (pause < 0) {
            return CompletableFuture.failedFuture(new PartitionUnavailableException("partitions " + s.detached()
                    + " of " + s.destination() + " were not served by their leader within reconnectTimeout ("
                    + backoff.timeoutMillis() + " ms); last failure: "
                    + (last == null ? "no broker leads them" : LeaderErrors.describe(last)), last));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.schedule(() -> whenAttached(s, partition, attempt + 1, since, request).whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(LeaderErrors.unwrap(e));
            } else {
                result.complete(r);
            }
        }), Math.max(pause, 10));
        return result;
    }

    /**
     * The node keys that hold the records an acknowledgement names ({@link ClusterMetadata#UNKNOWN}: bootstrap;
     * {@link ClusterMetadata#NO_LEADER} for a partition between two leaders).
     */
    Set<Integer> nodesOf(AckRequest ack) {
        SpreadSubscription s = spread.get(ack.subscriptionId());
        if (s == null) {
            return Set.of(ClusterMetadata.UNKNOWN);
        }
        Set<Integer> nodes = new HashSet<>();
        for (RecordRef r : ack.records()) {
            SpreadSubscription.Part part = s.partOf(r.partition());
            nodes.add(part == null ? ClusterMetadata.NO_LEADER : part.node());
        }
        return nodes;
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

    // ---- browsing ----

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

    // ---- events ----

    /** What the bootstrap connection reports, on its way to the JMS layer ({@link SubscriptionEvents}). */
    BrokerEvents bootstrapEvents(BrokerEvents jms) {
        return SubscriptionEvents.ofBootstrap(this, jms);
    }

    /** What a link to {@code node} reports ({@link SubscriptionEvents}). */
    BrokerEvents linkEvents(int node) {
        return SubscriptionEvents.ofLink(this, node);
    }

    RoutingBrokerConnection routing() {
        return routing;
    }

    /** The broker ended a subscription: its other attachments end too. */
    void closeSpread(int subscriptionId) {
        SpreadSubscription s = spread.remove(subscriptionId);
        if (s != null && s.close()) {
            s.parts().forEach(p -> p.connection().unsubscribe(subscriptionId));
        }
    }

    private final class MoverCluster implements PartitionMover.Cluster {
        @Override
        public int leaderKey(DestinationId destination, int partition) {
            return routing.nodeKey(destination, partition);
        }

        @Override
        public boolean leadersKnown(DestinationId destination) {
            return routing.clusterMetadata().leaders(destination).isPresent();
        }

        @Override
        public boolean reachable(int node) {
            return routing.reachable(node);
        }

        @Override
        public CompletableFuture<BrokerConnection> connectionTo(int node) {
            return routing.connectionTo(node);
        }

        @Override
        public CompletableFuture<Void> refresh(DestinationId destination) {
            return routing.refreshMetadata(List.of(destination));
        }

        @Override
        public BrokerEvents consumers() {
            return routing.events();
        }

        @Override
        public void ended(SpreadSubscription subscription) {
            spread.remove(subscription.id(), subscription);
        }
    }
}
