package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.InitProducerRequest;
import io.logjms.protocol.api.InitProducerResponse;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.TransactionId;
import io.logjms.provider.config.BrokerAddress;
import io.logjms.provider.config.ConnectionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BrokerConnection} of a client of a cluster: it bootstraps from the brokers of the URL, learns from
 * every METADATA answer where each partition is led and where each broker listens ({@link ClusterMetadata}), and
 * sends each partition's batches to its leader over one connection per broker it needs ({@link BrokerLinks}),
 * following the leader when it moves ({@link ProduceRouter}). Every consumer attaches at the leaders of its
 * destination's partitions, restricted to the partitions each leads, and follows them when they move
 * ({@link ClusterSubscriptions}). Everything else (client id, destinations, producer ids) goes over the bootstrap
 * connection, as on a single broker; a standalone broker leads every partition itself, so then everything does.
 * Every link presents the bootstrap connection's id as its origin (so noLocal subscribers skip this client's records
 * on any broker) and the client id the application set. Thread-safe.
 */
public final class RoutingBrokerConnection implements BrokerConnection {
    private static final long TRANSACTION_LOG_ASK_INTERVAL_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RoutingBrokerConnection.class);

    private final ClusterMetadata metadata = new ClusterMetadata();
    private final BrokerEvents events;
    private final BrokerLinks links;
    private final ProduceRouter producer;
    private final ClusterSubscriptions subscriptions;
    private final CrossBrokerCommit crossBroker;
    private final AtomicBoolean backgroundRefresh = new AtomicBoolean();
    private final List<BrokerAddress> urlBrokers;
    private final ReconnectScheduler scheduler;
    /** When the cluster was last asked whether it has a transaction log ({@link #transactionLogExists}). */
    private final AtomicLong transactionLogAskedAt = new AtomicLong(Long.MIN_VALUE / 2);
    /** The connection to a broker of the URL; set once by {@link #connect}. */
    private volatile BrokerConnection bootstrap;
    /** The client id the application set after the handshake, which every link sets too. */
    private volatile String clientIdSet;

    /** Opens the connection to one broker of the cluster besides the bootstrap; blocks until it is open. */
    @FunctionalInterface
    interface LinkFactory {
        /**
         * @param addresses where the broker is now, asked again at each reconnect attempt
         * @param linkEvents where the connection reports
         */
        BrokerConnection open(int node, Supplier<List<BrokerAddress>> addresses, BrokerEvents linkEvents)
                throws Exception;
    }

    private RoutingBrokerConnection(List<BrokerAddress> urlBrokers, BrokerEvents events, ReconnectBackoff backoff,
                                    ReconnectScheduler scheduler, LinkFactory linkFactory) {
        this.events = events;
        this.urlBrokers = List.copyOf(urlBrokers);
        this.scheduler = scheduler;
        this.subscriptions = new ClusterSubscriptions(this, backoff, scheduler);
        this.crossBroker = new CrossBrokerCommit(this, backoff, scheduler);
        this.links = new BrokerLinks(node -> withClientId(linkFactory.open(node, reconnectAddresses(node),
                subscriptions.linkEvents(node))), scheduler);
        this.producer = new ProduceRouter(new ProduceRouter.Routes() {
            @Override
            public CompletableFuture<ProduceRouter.Target> leaderOf(DestinationId destination, int partition) {
                return leaderConnection(destination, partition).thenApply(RoutingBrokerConnection::produceTarget);
            }

            @Override
            public CompletableFuture<Void> refresh(DestinationId destination) {
                return refreshMetadata(List.of(destination));
            }
        }, backoff, scheduler);
    }

    /**
     * Connects to the first broker of {@code options} that answers (reconnecting as the options say, to the URL's
     * brokers and to those the cluster told of).
     */
    public static BrokerConnection connect(ConnectionOptions options, BrokerEvents events)
            throws BrokerUnreachableException, InterruptedException {
        ReconnectingBrokerConnection.Opener opener = ProtocolBrokerConnection.opener(options);
        ReconnectBackoff backoff = new ReconnectBackoff(options.reconnectTimeout());
        ReconnectScheduler scheduler = ReconnectScheduler.SYSTEM;
        java.util.concurrent.atomic.AtomicReference<RoutingBrokerConnection> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        // links present the bootstrap's (first) connection id as their origin, whether it reconnects or not
        ReconnectingBrokerConnection.Opener linkOpener = ProtocolBrokerConnection.opener(options,
                () -> self.get().connectionId());
        LinkFactory links = (node, addresses, linkEvents) -> options.reconnects()
                ? ReconnectingBrokerConnection.connect(addresses, linkOpener, linkEvents, backoff, scheduler)
                : linkOpener.open(addresses.get().get(0), linkEvents);
        RoutingBrokerConnection routing = new RoutingBrokerConnection(options.brokers(), events, backoff, scheduler,
                links);
        self.set(routing);
        BrokerEvents bootstrapEvents = routing.subscriptions.bootstrapEvents(events);
        if (options.reconnects()) {
            routing.bootstrap = ReconnectingBrokerConnection.connect(routing::bootstrapAddresses, opener,
                    bootstrapEvents, backoff, scheduler);
        } else {
            routing.bootstrap = openBootstrap(options.brokers(), opener, bootstrapEvents);
        }
        return routing;
    }

    /**
     * Opens the bootstrap connection without reconnects through {@code opener}, trying the URL's brokers in turn,
     * so that the links opened later present its id as their origin: a broker of a cluster lets the links of one
     * connection share its client id, and refuses another connection's.
     */
    private static BrokerConnection openBootstrap(List<BrokerAddress> brokers, ReconnectingBrokerConnection.Opener opener,
                                                  BrokerEvents events)
            throws BrokerUnreachableException, InterruptedException {
        ConnectFailures failures = new ConnectFailures();
        for (BrokerAddress broker : brokers) {
            try {
                return opener.open(broker, events);
            } catch (ProtocolErrorException | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures.add(broker, e);
            }
        }
        throw failures.exception();
    }

    /**
     * Routes over an open bootstrap connection, opening the other brokers' connections with {@code links}
     * (tests give connections without sockets).
     */
    static RoutingBrokerConnection over(BrokerConnection bootstrap, LinkFactory links, BrokerEvents events,
                                        ReconnectBackoff backoff, ReconnectScheduler scheduler) {
        RoutingBrokerConnection routing = new RoutingBrokerConnection(List.of(), events, backoff, scheduler, links);
        routing.bootstrap = bootstrap;
        return routing;
    }

    /** What the bootstrap connection should report to (the JMS layer's events, with spread subscriptions noted). */
    BrokerEvents bootstrapEvents() {
        return subscriptions.bootstrapEvents(events);
    }

    // ---- where things go ----

    /** The URL's brokers, then every other broker the cluster told of; asked before each reconnect attempt. */
    private List<BrokerAddress> bootstrapAddresses() {
        Set<BrokerAddress> all = new LinkedHashSet<>(urlBrokers);
        List<BrokerAddress> told = metadata.addresses();
        if (told.size() > 1) {
            // a lone broker's own address adds nothing to the URL, and may bypass what the URL goes through
            all.addAll(told);
        }
        refreshInBackground();
        return List.copyOf(all);
    }

    /**
     * Where a link to {@code node} connects: the node's address as the cluster last told it. Asked again before
     * each reconnect attempt, it first asks the other brokers where the node is now (a restart may change its
     * port).
     */
    private Supplier<List<BrokerAddress>> reconnectAddresses(int node) {
        AtomicBoolean connected = new AtomicBoolean();
        return () -> {
            if (connected.getAndSet(true)) {
                refreshInBackground();
            }
            return addressesOf(node);
        };
    }

    private List<BrokerAddress> addressesOf(int node) {
        BrokerAddress address = metadata.address(node).orElseThrow(() -> new NoLeaderException("the cluster told no"
                + " address for broker node " + node));
        return List.of(address);
    }

    /** The connection to the broker leading a partition: the bootstrap when it leads it or nothing is known. */
    CompletableFuture<BrokerConnection> leaderConnection(DestinationId destination, int partition) {
        int node = metadata.leader(destination, partition);
        if (node == ClusterMetadata.NO_LEADER) {
            return CompletableFuture.failedFuture(new NoLeaderException("partition " + partition + " of "
                    + destination + " has no leader now"));
        }
        return connectionTo(node);
    }

    /** A link just opened sets the client id the application set since the handshake. */
    private BrokerConnection withClientId(BrokerConnection link) throws Exception {
        String clientId = clientIdSet;
        if (clientId != null) {
            try {
                link.setClientId(clientId).get();
            } catch (java.util.concurrent.ExecutionException e) {
                link.close();
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return link;
    }

    /** Whether requests to a node go out now: false while its connection is being re-established. */
    boolean reachable(int node) {
        if (node == ClusterMetadata.UNKNOWN || node == metadata.bootstrapNode()) {
            return !reconnecting(bootstrap);
        }
        return links.reachable(node);
    }

    /** The connection to a node ({@link ClusterMetadata#UNKNOWN}: the bootstrap). */
    CompletableFuture<BrokerConnection> connectionTo(int node) {
        if (node == ClusterMetadata.UNKNOWN || node == metadata.bootstrapNode()) {
            return CompletableFuture.completedFuture(bootstrap);
        }
        return links.get(node);
    }

    /** The node key a partition's requests go to: its leader, or {@link ClusterMetadata#UNKNOWN} for the bootstrap. */
    int nodeKey(DestinationId destination, int partition) {
        int node = metadata.leader(destination, partition);
        return node != ClusterMetadata.NO_LEADER && node == metadata.bootstrapNode() ? ClusterMetadata.UNKNOWN : node;
    }

    private static ProduceRouter.Target produceTarget(BrokerConnection connection) {
        if (connection instanceof ReconnectingBrokerConnection reconnecting) {
            return reconnecting::produceOrReturn;
        }
        return connection::produce;
    }

    BrokerConnection bootstrap() {
        return bootstrap;
    }

    ClusterSubscriptions clusterSubscriptions() {
        return subscriptions;
    }

    ClusterMetadata clusterMetadata() {
        return metadata;
    }

    BrokerEvents events() {
        return events;
    }

    // ---- metadata ----

    @Override
    public CompletableFuture<MetadataResponse> metadata(List<DestinationId> destinations, boolean autoCreate) {
        return bootstrap.metadata(destinations, autoCreate).thenApply(answer -> {
            learn(answer, true);
            return answer;
        });
    }

    private void learn(MetadataResponse answer, boolean viaBootstrap) {
        Set<DestinationId> changed = metadata.learn(answer, viaBootstrap);
        if (!changed.isEmpty()) {
            subscriptions.leadersChanged(changed);
        }
    }

    /** Asks again where every destination this client knows of is led. */
    CompletableFuture<Void> refreshKnown() {
        List<DestinationId> known = List.copyOf(metadata.destinations());
        return known.isEmpty() ? CompletableFuture.completedFuture(null) : refreshMetadata(known);
    }

    /**
     * Asks any broker that answers now (the bootstrap's if it is connected, else a link's, else the bootstrap's once
     * it reconnects) where the destinations' partitions are led. Completes when one answered or all failed.
     */
    CompletableFuture<Void> refreshMetadata(List<DestinationId> destinations) {
        List<BrokerConnection> candidates = new ArrayList<>();
        if (!reconnecting(bootstrap)) {
            candidates.add(bootstrap);
        }
        for (BrokerConnection link : links.open()) {
            if (!reconnecting(link)) {
                candidates.add(link);
            }
        }
        candidates.add(bootstrap);
        return askInTurn(candidates, 0, destinations);
    }

    private CompletableFuture<Void> askInTurn(List<BrokerConnection> candidates, int index,
                                              List<DestinationId> destinations) {
        BrokerConnection asked = candidates.get(index);
        CompletableFuture<MetadataResponse> answer;
        try {
            answer = asked.metadata(destinations, false);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, error) -> {
            if (error == null) {
                learn(response, asked == bootstrap);
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (index + 1 < candidates.size()) {
                return askInTurn(candidates, index + 1, destinations);
            }
            LOG.debug("no broker answered a metadata request: {}", LeaderErrors.describe(error));
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f);
    }

    /** While a connection reconnects, asks the others where brokers are now (one such request at a time). */
    private void refreshInBackground() {
        BrokerConnection b = bootstrap;
        if (b == null || !backgroundRefresh.compareAndSet(false, true)) {
            return;
        }
        scheduler.schedule(() -> refreshMetadata(List.copyOf(metadata.destinations()))
                .whenComplete((v, e) -> backgroundRefresh.set(false)), 0);
    }

    static boolean reconnecting(BrokerConnection connection) {
        return connection instanceof ReconnectingBrokerConnection r && r.isReconnecting() || !connection.isOpen();
    }

    // ---- produce and commit ----

    @Override
    public CompletableFuture<ProduceResponse> produce(OutgoingBatch batch) {
        return producer.produce(batch);
    }

    /**
     * Commits through the transaction's coordinator ({@link CrossBrokerCommit}) in a cluster that has a transaction
     * log, also when one broker leads every partition the transaction touches: that broker's own transaction log is
     * on its disk only, so its death between the replication of the sends and that of the acknowledgements would
     * leave the results committed and their inputs to be delivered again. A standalone broker (and a cluster
     * without a transaction log) commits on the broker that leads every partition the transaction sends to and holds
     * every consumer it acknowledges records of (the local path). A local commit refused because a leader moved is
     * not sent again (the session rolls it back); the metadata is refreshed so the next one goes to the new leader.
     */
    @Override
    public CompletableFuture<CommitResponse> commit(List<OutgoingBatch> batches, List<AckRequest> acks) {
        Set<Integer> nodes = new LinkedHashSet<>();
        List<DestinationId> destinations = new ArrayList<>();
        for (OutgoingBatch b : batches) {
            nodes.add(nodeKey(b.destination(), b.partition()));
            destinations.add(b.destination());
        }
        Map<Integer, List<AckRequest>> acksByNode = new LinkedHashMap<>();
        for (AckRequest a : acks) {
            Map<Integer, AckRequest> split = subscriptions.ackByNode(a);
            if (split.values().stream().mapToInt(part -> part.records().size()).sum() < a.records().size()) {
                // the partition moved after the session last heard of it (the commit had taken the records): its
                // new leader delivers them again, so committing the rest would write results of unacknowledged input
                return CompletableFuture.failedFuture(new CommitRefusedException("the transaction received records"
                        + " of a partition of subscription " + a.subscriptionId() + " that is moving to a new leader;"
                        + " nothing was committed and they come again"));
            }
            split.forEach((node, part) -> acksByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(part));
        }
        nodes.addAll(acksByNode.keySet());
        if (nodes.contains(ClusterMetadata.NO_LEADER)) {
            refreshMetadata(List.copyOf(new LinkedHashSet<>(destinations)));
            return CompletableFuture.failedFuture(new CommitRefusedException("a partition the transaction touches"
                    + " has no leader now; nothing was committed"));
        }
        if (nodes.size() > 1) {
            return crossBroker.commit(batches, acksByNode);
        }
        int node = nodes.isEmpty() ? ClusterMetadata.UNKNOWN : nodes.iterator().next();
        if (nodes.isEmpty() || !metadata.isCluster()) {
            return commitAt(node, batches, acks, destinations);
        }
        return transactionLogExists().thenCompose(logged -> logged ? crossBroker.commit(batches, acksByNode)
                : commitAt(node, batches, acks, destinations));
    }

    private CompletableFuture<CommitResponse> commitAt(int node, List<OutgoingBatch> batches, List<AckRequest> acks,
                                                       List<DestinationId> destinations) {
        return connectionTo(node).thenCompose(c -> c.commit(batches, acks)).whenComplete((r, e) -> {
            if (e != null && LeaderErrors.leaderMoved(e) && !destinations.isEmpty()) {
                refreshMetadata(List.copyOf(new LinkedHashSet<>(destinations)));
            }
        });
    }

    /**
     * Whether the cluster told of its transaction log, asking it when not known yet, at most once a second (a cluster
     * with fewer live brokers than its replication factor has none, and every commit would ask again).
     */
    private CompletableFuture<Boolean> transactionLogExists() {
        if (hasTransactionLog()) {
            return CompletableFuture.completedFuture(true);
        }
        long now = scheduler.nowMillis();
        long asked = transactionLogAskedAt.get();
        if (now - asked < TRANSACTION_LOG_ASK_INTERVAL_MS || !transactionLogAskedAt.compareAndSet(asked, now)) {
            return CompletableFuture.completedFuture(false);
        }
        return refreshMetadata(List.of(TransactionId.LOG)).handle((v, e) -> hasTransactionLog());
    }

    private boolean hasTransactionLog() {
        return metadata.leaders(TransactionId.LOG).map(l -> !l.isEmpty()).orElse(false);
    }

    // ---- subscriptions ----

    @Override
    public CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request) {
        return subscriptions.subscribe(request);
    }

    @Override
    public void grantCredit(int subscriptionId, int credit) {
        subscriptions.grantCredit(subscriptionId, credit);
    }

    @Override
    public void withdrawCredit(int subscriptionId) {
        subscriptions.withdrawCredit(subscriptionId);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(int subscriptionId) {
        return subscriptions.unsubscribe(subscriptionId);
    }

    @Override
    public CompletableFuture<Void> acknowledge(AckRequest request) {
        return subscriptions.acknowledge(request);
    }

    @Override
    public void acknowledgeOneWay(AckRequest request) {
        subscriptions.acknowledgeOneWay(request);
    }

    @Override
    public CompletableFuture<Void> release(ReleaseRequest request) {
        return subscriptions.release(request);
    }

    @Override
    public CompletableFuture<SubscribeResponse> seek(SeekRequest request) {
        return subscriptions.seek(request);
    }

    @Override
    public CompletableFuture<SubscribeResponse> positions(int subscriptionId) {
        return subscriptions.positions(subscriptionId);
    }

    @Override
    public CompletableFuture<BrowseResponse> browse(BrowseRequest request) {
        return subscriptions.browse(request);
    }

    // ---- the rest goes to the bootstrap ----

    @Override
    public String connectionId() {
        return bootstrap.connectionId();
    }

    @Override
    public String currentConnectionId() {
        return bootstrap.currentConnectionId();
    }

    @Override
    public String brokerId() {
        return bootstrap.brokerId();
    }

    /** XA branches live on the bootstrap broker (cluster-wide XA comes with cluster part 2). */
    @Override
    public CompletableFuture<io.logjms.protocol.api.XaResponse> xa(XaCall call) {
        return bootstrap.xa(call);
    }

    @Override
    public int maxBatchBytes() {
        return bootstrap.maxBatchBytes();
    }

    @Override
    public int maxFrameBytes() {
        return bootstrap.maxFrameBytes();
    }

    /** Set on the bootstrap connection, then on every link (JMS allows it only before the connection is used). */
    @Override
    public CompletableFuture<Void> setClientId(String clientId) {
        return bootstrap.setClientId(clientId).thenCompose(v -> {
            clientIdSet = clientId;
            List<CompletableFuture<Void>> onLinks = new ArrayList<>();
            links.open().forEach(link -> onLinks.add(link.setClientId(clientId)));
            return CompletableFuture.allOf(onLinks.toArray(CompletableFuture[]::new));
        });
    }

    @Override
    public CompletableFuture<Void> createDestination(CreateDestinationRequest request) {
        return bootstrap.createDestination(request);
    }

    @Override
    public CompletableFuture<Void> deleteDestination(DestinationId destination) {
        metadata.forget(destination);
        return bootstrap.deleteDestination(destination);
    }

    @Override
    public CompletableFuture<InitProducerResponse> initProducer(InitProducerRequest request) {
        return bootstrap.initProducer(request);
    }

    @Override
    public CompletableFuture<Void> deleteSubscription(String name) {
        return bootstrap.deleteSubscription(name);
    }

    @Override
    public void stopReconnecting() {
        producer.stop();
        links.stopReconnecting();
        bootstrap.stopReconnecting();
    }

    @Override
    public boolean isOpen() {
        return bootstrap.isOpen();
    }

    @Override
    public void close() {
        producer.stop();
        links.close();
        bootstrap.close();
    }
}
