package io.logjms.broker;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterFactory;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.config.BrokerConfigKeys;
import io.logjms.broker.config.ConfigException;
import io.logjms.broker.config.FsyncPolicySetting;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.LogConfigs;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.http.ConsoleSource;
import io.logjms.broker.http.HttpFrontEnd;
import io.logjms.broker.log.FileChannelOpener;
import io.logjms.broker.log.LogManager;
import io.logjms.broker.metadata.FileMetadataStore;
import io.logjms.broker.metadata.MetadataStore;
import io.logjms.broker.metadata.ProducerIdAllocator;
import io.logjms.broker.net.AccessGuard;
import io.logjms.broker.metrics.BrokerHealth;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.metrics.BrokerView;
import io.logjms.broker.net.BrokerServer;
import io.logjms.broker.net.PeerGuard;
import io.logjms.broker.net.RequestRouter;
import io.logjms.broker.net.handlers.AdminHandlers;
import io.logjms.broker.net.handlers.ClientIds;
import io.logjms.broker.net.handlers.ClusterHandlers;
import io.logjms.broker.net.handlers.ClusterPeers;
import io.logjms.broker.net.handlers.ClusterSubscriptionAdmin;
import io.logjms.broker.net.handlers.CommitHandler;
import io.logjms.broker.net.handlers.ConsumerHandlers;
import io.logjms.broker.net.handlers.CrossBrokerTransactionHandlers;
import io.logjms.broker.net.handlers.DeadLetterQueue;
import io.logjms.broker.net.handlers.DestinationHandlers;
import io.logjms.broker.net.handlers.FetchHandler;
import io.logjms.broker.net.handlers.HandshakeHandler;
import io.logjms.broker.net.handlers.InitProducerHandler;
import io.logjms.broker.net.handlers.ProduceHandler;
import io.logjms.broker.net.handlers.ProduceOrder;
import io.logjms.broker.net.handlers.ReplicaHandlers;
import io.logjms.broker.replication.PartitionDirectory;
import io.logjms.broker.replication.PeerLink;
import io.logjms.broker.replication.ReplicaManager;
import io.logjms.broker.replication.ReplicationSettings;
import io.logjms.broker.net.handlers.XaHandler;
import io.logjms.broker.security.Authenticator;
import io.logjms.broker.security.Authorizer;
import io.logjms.broker.security.ClusterCredentials;
import io.logjms.broker.security.TlsContextFactory;
import io.logjms.broker.security.UserCredentials;
import io.logjms.broker.subscription.ClusterDefinitions;
import io.logjms.broker.subscription.CursorCheckpoints;
import io.logjms.broker.subscription.MetadataDefinitions;
import io.logjms.broker.subscription.SubscriptionDefinitions;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.subscription.SubscriptionSettings;
import io.logjms.broker.transaction.TransactionCoordinator;
import io.logjms.broker.transaction.XaBranches;
import io.logjms.broker.transaction.XaTimeouts;
import io.logjms.protocol.ApiKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logjms broker: storage, subscriptions and the network front end, started and stopped as one.
 * For tests and embedding: {@code Broker.builder().dataDir(dir).port(0).build()}, then {@link #start()},
 * {@link #port()} and {@link #close()}.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    /** How often the ACL and groups files are checked for changes. */
    private static final Duration ACL_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final BrokerConfig config;
    private final Clock clock;
    private final FileChannelOpener fileChannelOpener;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private BrokerServer server;
    private DestinationManager destinations;
    private SubscriptionManager subscriptions;
    private volatile boolean running;
    private final BrokerHealth health = new BrokerHealth();
    private final ClusterFactory clusterFactory;
    private volatile ClusterView cluster;
    private BrokerMetrics metrics;
    private volatile HttpFrontEnd http;
    private volatile BrokerView view;
    private volatile Instant startedAt = Instant.now();

    private Broker(BrokerConfig config, Clock clock, FileChannelOpener fileChannelOpener,
                   ClusterFactory clusterFactory) {
        this.config = config;
        this.clock = clock;
        this.fileChannelOpener = fileChannelOpener;
        this.clusterFactory = clusterFactory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the data directory (recovering after a crash) and starts listening. */
    public synchronized Broker start() {
        if (running) {
            throw new IllegalStateException("broker already started");
        }
        health.state(BrokerHealth.State.STARTING);
        startedAt = clock.instant();
        try {
            metrics = new BrokerMetrics();
            started.push(metrics);
            startHttp();
            startComponents();
        } catch (RuntimeException | IOException | InterruptedException e) {
            closeStarted();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("broker could not start: " + e.getMessage(), e);
        }
        running = true;
        health.state(BrokerHealth.State.SERVING);
        log.info("logjms broker listening on {}:{} with data in {}", host(), port(), dataDir().toAbsolutePath());
        if (http != null) {
            log.info("metrics, health and console on http://{}:{}/", host(), httpPort());
        }
        return this;
    }

    /** Serves HTTP from the start, so that /health answers 503 while the logs recover. */
    private void startHttp() throws IOException {
        if (config.httpPort() < 0) {
            return;
        }
        HttpFrontEnd front = new HttpFrontEnd(config.host(), config.httpPort(), metrics, health, new ConsoleSource() {
            @Override
            public String brokerId() {
                return Broker.this.brokerId();
            }

            @Override
            public String version() {
                String v = Broker.class.getPackage().getImplementationVersion();
                return v == null ? "development build" : v;
            }

            @Override
            public String state() {
                return health.state().name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public Instant startedAt() {
                return startedAt;
            }

            @Override
            public BrokerView view() {
                return view;
            }
        });
        front.start();
        started.push(front);
        http = front;
    }

    private void startComponents() throws IOException, InterruptedException {
        Path data = config.dataDir();
        cluster = clusterFactory.create(config, () -> new BrokerAddress(cluster.localNodeId(), config.advertisedHost(),
                port()));
        started.push(cluster);
        MetadataStore metadata = FileMetadataStore.openInDataDirectory(data);
        started.push(metadata);
        LogManager logs = new LogManager(data.resolve("logs"), LogConfigs.broker(config), clock,
                Duration.ofMillis(config.retentionCheckIntervalMs()), Duration.ofMillis(100), fileChannelOpener);
        logs.startup();
        started.push(logs);
        destinations = new DestinationManager(metadata, logs, config, cluster.isClustered());
        destinations.startup();
        destinations.share(cluster);
        PartitionAppender appender = new PartitionAppender(Math.max(2, Runtime.getRuntime().availableProcessors()),
                metrics.fsyncLatency(), Duration.ofMillis(config.replicationCommitTimeoutMs()));
        started.push(appender);
        ReplicaManager replicas = null;
        Optional<ClusterCredentials> clusterCredentials = ClusterCredentials.from(config);
        PeerLink peerLink = cluster.isClustered() ? PeerLink.of(config) : PeerLink.PLAIN;
        if (cluster.isClustered()) {
            log.info("connections to the other brokers: {}", peerLink);
            replicas = new ReplicaManager(cluster, PartitionDirectory.of(destinations), clock,
                    ReplicationSettings.DEFAULTS, peerLink);
            started.push(replicas);
        }
        boolean syncEvery = config.fsyncPolicy() == FsyncPolicySetting.EVERY_BATCH;
        DeadLetterQueue dlq = new DeadLetterQueue(destinations, appender, config.deadLetterQueue(), metrics);
        // a cluster's stored subscriptions are in its registry, so that every broker holds every one of them
        SubscriptionDefinitions definitions = cluster.subscriptionRegistry()
                .<SubscriptionDefinitions>map(ClusterDefinitions::new).orElseGet(() -> new MetadataDefinitions(metadata));
        subscriptions = new SubscriptionManager(data.resolve("subscriptions"), definitions, destinations,
                new SubscriptionSettings(config.deliveryMaxAttempts(), dlq, syncEvery, config.deliveryZeroCopy()),
                config.fsyncPolicy() == FsyncPolicySetting.INTERVAL ? config.fsyncIntervalMs() : 0,
                config.subscriptionsSharedGraceMs(), clock);
        started.push(subscriptions);
        if (cluster.isClustered()) {
            subscriptions.useReplicatedCursors(config.replicationCommitTimeoutMs());
            DestinationManager all = destinations;
            started.push(new CursorCheckpoints(() -> all.all().stream().flatMap(d -> d.partitions().stream()).toList())
                    .start(config.replicationCursorCheckpointIntervalMs()));
        }
        ProducerIdAllocator producerIds = ProducerIdAllocator.open(data, config.nodeId());
        TransactionCoordinator transactions = new TransactionCoordinator(data, destinations, appender, subscriptions,
                syncEvery, producerIds.nextProducerId());
        XaBranches xaBranches = new XaBranches(transactions, subscriptions, transactions.recover(),
                XaBranches.DEFAULT_TIMEOUT_SECONDS, clock::millis);
        started.push(transactions);
        ExecutorService commitExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "logjms-commit");
            t.setDaemon(true);
            return t;
        });
        started.push(() -> {
            commitExecutor.shutdown();
            commitExecutor.awaitTermination(10, TimeUnit.SECONDS);
        });
        started.push(XaTimeouts.start(xaBranches, commitExecutor));

        // requests whose work may wait (files, fsync, other executors) run here, never on a network thread
        ExecutorService controlExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "logjms-control");
            t.setDaemon(true);
            return t;
        });
        started.push(() -> {
            controlExecutor.shutdown();
            controlExecutor.awaitTermination(10, TimeUnit.SECONDS);
        });

        ClientIds clientIds = new ClientIds(cluster.clientIdRegistry().orElse(null), controlExecutor);
        // the other brokers' requests for this broker's part of an admin answer; a few threads, so that a peer's
        // request waiting for this broker's subscription manager does not hold up another peer's lock-free one
        ExecutorService peerAdmin = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "logjms-peer-admin");
            t.setDaemon(true);
            return t;
        });
        started.push(() -> {
            peerAdmin.shutdown();
            peerAdmin.awaitTermination(10, TimeUnit.SECONDS);
        });
        ClusterPeers peers = null;
        if (cluster.isClustered()) {
            peers = new ClusterPeers(cluster, peerLink);
            started.push(peers);
        }
        ClusterSubscriptionAdmin clusterAdmin = new ClusterSubscriptionAdmin(subscriptions, cluster, peers);
        subscriptions.remoteConsumers(clusterAdmin);
        DestinationHandlers destinationHandlers = new DestinationHandlers(destinations, controlExecutor, cluster);
        ClusterHandlers clusterHandlers = new ClusterHandlers(destinations, cluster);
        ConsumerHandlers consumers = new ConsumerHandlers(subscriptions, destinations, clientIds, controlExecutor,
                metrics);
        AdminHandlers admin = new AdminHandlers(subscriptions, clusterAdmin, destinations, controlExecutor, peerAdmin);
        ProduceOrder produceOrder = new ProduceOrder(controlExecutor);
        RequestRouter router = new RequestRouter()
                .request(ApiKey.HANDSHAKE, new HandshakeHandler(brokerId(), config.maxFrameBytes(), config.maxBatchBytes(),
                        authenticator(clusterCredentials), clientIds, clusterCredentials.orElse(null)))
                .request(ApiKey.METADATA, destinationHandlers::metadata)
                .request(ApiKey.CREATE_DESTINATION, destinationHandlers::create)
                .request(ApiKey.DESCRIBE_DESTINATION, clusterHandlers::describeDestination)
                .request(ApiKey.DELETE_DESTINATION, destinationHandlers::delete)
                .request(ApiKey.PRODUCE, new ProduceHandler(destinations, appender, metrics, cluster, produceOrder))
                .request(ApiKey.FETCH, new FetchHandler(destinations))
                .request(ApiKey.SUBSCRIBE, consumers::subscribe)
                .oneWay(ApiKey.CREDIT, consumers::credit)
                .request(ApiKey.ACK, consumers::ack)
                .oneWay(ApiKey.ACK, consumers::ack)
                .request(ApiKey.RELEASE, consumers::release)
                .request(ApiKey.UNSUBSCRIBE, consumers::unsubscribe)
                .request(ApiKey.BROWSE, consumers::browse)
                .request(ApiKey.SET_CLIENT_ID, consumers::setClientId)
                .request(ApiKey.DELETE_SUBSCRIPTION, consumers::deleteSubscription)
                .request(ApiKey.SEEK, consumers::seek)
                .request(ApiKey.SUBSCRIPTION_PARTITIONS, consumers::subscriptionPartitions)
                .request(ApiKey.POSITIONS, consumers::positions)
                .request(ApiKey.LIST_SUBSCRIPTIONS, admin::listSubscriptions)
                .request(ApiKey.DESCRIBE_SUBSCRIPTION, admin::describeSubscription)
                .request(ApiKey.RESET_SUBSCRIPTION, admin::resetSubscription)
                .request(ApiKey.ALTER_DESTINATION, admin::alterDestination)
                .request(ApiKey.CLOSE, (connection, request) -> connection.closeGracefully(request))
                .request(ApiKey.PING, (connection, request) -> connection.respond(request, body -> { }))
                .request(ApiKey.COMMIT, new CommitHandler(destinations, consumers, transactions, commitExecutor, metrics,
                        produceOrder))
                .request(ApiKey.INIT_PRODUCER, new InitProducerHandler(producerIds, commitExecutor))
                .request(ApiKey.CLUSTER_DESCRIBE, clusterHandlers::describeCluster);
        if (replicas != null) {
            ReplicaHandlers replicaHandlers = new ReplicaHandlers(replicas);
            router.request(ApiKey.REPLICA_FETCH, replicaHandlers::fetch)
                    .request(ApiKey.EPOCH_PROMISE, replicaHandlers::promise)
                    .request(ApiKey.PEER_LIST_SUBSCRIPTIONS, admin::peerListSubscriptions)
                    .request(ApiKey.PEER_DESCRIBE_SUBSCRIPTION, admin::peerDescribeSubscription)
                    .request(ApiKey.PEER_RESET_SUBSCRIPTION, admin::peerResetSubscription);
        }
        if (cluster.isClustered()) {
            CrossBrokerTransactionHandlers txn = CrossBrokerTransactionHandlers.start(cluster, destinations, appender,
                    subscriptions, consumers, peerLink,
                    Math.min(config.replicationFactorDefault(), config.clusterMembers().size()), clock);
            started.push(txn);
            dlq.forwardThrough(txn.participants(), cluster.localNodeId(), producerIds.nextProducerId());
            router.request(ApiKey.TXN_COMMIT, txn::commit)
                    .request(ApiKey.TXN_APPLY, txn::apply)
                    .request(ApiKey.TXN_ACK_TARGETS, txn::ackTargets)
                    .request(ApiKey.TXN_RESOLVE, txn::resolve);
        }
        XaHandler xa = new XaHandler(destinations, consumers, xaBranches, commitExecutor, metrics);
        for (ApiKey key : List.of(ApiKey.XA_START, ApiKey.XA_END, ApiKey.XA_PREPARE, ApiKey.XA_COMMIT,
                ApiKey.XA_ROLLBACK, ApiKey.XA_RECOVER, ApiKey.XA_FORGET)) {
            router.request(key, xa);
        }
        router.guard(new PeerGuard(clusterCredentials.isPresent(),
                new AccessGuard(authorizer(), destinations, subscriptions, config.autoCreateDestinations())));
        server = new BrokerServer(config.host(), config.port(), config.maxFrameBytes(),
                config.connectionsIdleTimeoutMs(), router, TlsContextFactory.serverContext(config));
        server.start();
        started.push(server);
        if (replicas != null) {
            replicas.start(); // once the port is bound: the cluster knows this broker's address from now on
        }
        // the member starts in the background: the broker serves (and says so) whether or not the cluster formed
        cluster.start(destinations.applier());
        ClusterView member = cluster;
        started.push(member::close);
        BrokerServer listening = server;
        view = new BrokerView(destinations, subscriptions, listening::connectionCount, metrics);
        metrics.watch(view);
        health.watchPartitions(view::offlinePartitions);
        destinations.onDelete(d -> metrics.forget(d.id()));
    }

    /**
     * Without a users file authentication is off: any credentials are accepted (anonymous ones only when
     * allowed). With one, named users must match it. The cluster's user is never one of them (the handshake checks
     * it against the cluster credentials).
     */
    private Authenticator authenticator(Optional<ClusterCredentials> cluster) {
        boolean anonymous = config.allowAnonymous();
        if (config.securityUsersFile().isEmpty()) {
            return (user, password) -> user != null || anonymous;
        }
        UserCredentials users = UserCredentials.load(config.securityUsersFile().get());
        cluster.filter(c -> users.users().contains(c.user())).ifPresent(c -> {
            throw new ConfigException(BrokerConfigKeys.SECURITY_USERS_FILE.name(), "The users file "
                    + config.securityUsersFile().get() + " has a user '" + c.user() + "', the name of "
                    + BrokerConfigKeys.CLUSTER_USER.name() + ": the brokers authenticate to each other with "
                    + BrokerConfigKeys.CLUSTER_PASSWORD.name() + " only; remove that user from the file or choose "
                    + "another " + BrokerConfigKeys.CLUSTER_USER.name());
        });
        return (user, password) -> user == null ? anonymous : users.authenticate(user, password == null ? "" : password);
    }

    /** Access control from the ACL file, reloaded when it or the groups file changes; none without one. */
    private Authorizer authorizer() {
        if (config.securityAclFile().isEmpty()) {
            return Authorizer.allowAll();
        }
        Authorizer authorizer = Authorizer.load(config.securityAclFile().get(), config.securityGroupsFile(), clock);
        started.push(authorizer);
        authorizer.watch(ACL_CHECK_INTERVAL);
        return authorizer;
    }

    private String brokerId() {
        return config.host() + ":" + port();
    }

    /** The cluster this broker belongs to ({@link io.logjms.broker.cluster.StandaloneCluster} when alone). */
    public ClusterView cluster() {
        return cluster;
    }

    /**
     * The broker's destinations and their partitions, for code in this JVM that drives partitions directly (tests
     * standing in for replication); null before {@link #start()}.
     */
    public DestinationManager destinations() {
        return destinations;
    }

    public int port() {
        return server != null ? server.localAddress().getPort() : config.port();
    }

    /** The HTTP port of metrics, health and console (the chosen one if configured as 0); -1 when HTTP is off. */
    public int httpPort() {
        return http != null ? http.port() : -1;
    }

    /** The broker's meters; null before the first {@link #start()}. */
    public BrokerMetrics metrics() {
        return metrics;
    }

    /** Whether it serves: what {@code GET /health} answers. */
    public BrokerHealth health() {
        return health;
    }

    public String host() {
        return config.host();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public BrokerConfig config() {
        return config;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops listening, then flushes and closes the logs (a clean shutdown: the next start skips recovery). */
    @Override
    public synchronized void close() {
        if (started.isEmpty()) {
            return;
        }
        running = false;
        health.state(BrokerHealth.State.STOPPING);
        closeStarted();
        http = null;
        view = null;
        health.state(BrokerHealth.State.STOPPED);
        log.info("logjms broker stopped");
    }

    private void closeStarted() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping {}", c, e);
            }
        }
    }

    /** Builds a broker from a configuration and overrides of single settings. */
    public static final class Builder {
        /** Embedded brokers serve no HTTP unless asked: several in one JVM must not compete for port 7880. */
        private BrokerConfig.Builder config = BrokerConfig.builder().set(BrokerConfigKeys.HTTP_PORT, -1);
        private Clock clock = Clock.systemUTC();
        private FileChannelOpener fileChannelOpener = FileChannelOpener.DEFAULT;
        private ClusterFactory clusterFactory = ClusterFactory.DEFAULT;

        /** Starts from this configuration (earlier overrides are discarded). */
        public Builder config(BrokerConfig base) {
            this.config = base.toBuilder();
            return this;
        }

        /** Starts from a properties file (see docs/CONFIGURATION.md). */
        public Builder configFile(Path file) {
            return config(BrokerConfig.load(file));
        }

        public Builder dataDir(Path dir) {
            config.set(BrokerConfigKeys.DATA_DIR, dir);
            return this;
        }

        /** TCP port; 0 picks a free one (read it back with {@link Broker#port()}). */
        public Builder port(int port) {
            config.set(BrokerConfigKeys.PORT, port);
            return this;
        }

        /** HTTP port of metrics, health and console; 0 picks a free one, -1 (the default here) turns HTTP off. */
        public Builder httpPort(int port) {
            config.set(BrokerConfigKeys.HTTP_PORT, port);
            return this;
        }

        public Builder host(String host) {
            config.set(BrokerConfigKeys.HOST, host);
            return this;
        }

        public Builder partitionsDefault(int partitions) {
            config.set(BrokerConfigKeys.PARTITIONS_DEFAULT, partitions);
            return this;
        }

        public Builder fsyncPolicy(FsyncPolicySetting policy) {
            config.set(BrokerConfigKeys.FSYNC_POLICY, policy);
            return this;
        }

        public Builder retentionMs(long ms) {
            config.set(BrokerConfigKeys.RETENTION_MS, ms);
            return this;
        }

        public Builder retentionBytes(long bytes) {
            config.set(BrokerConfigKeys.RETENTION_BYTES, bytes);
            return this;
        }

        /** Any setting by its documented name, e.g. {@code set("destinations.auto.create", "false")}. */
        public Builder set(String key, String value) {
            config.set(key, value);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * How the log opens its segment and index files; tests pass channels that fail on demand to
         * check what clients see when the disk fails. The default is {@link FileChannelOpener#DEFAULT}.
         */
        public Builder fileChannelOpener(FileChannelOpener opener) {
            this.fileChannelOpener = java.util.Objects.requireNonNull(opener, "opener");
            return this;
        }

        /**
         * How the broker joins its cluster; tests running several brokers in one JVM may give their own. The
         * default follows the configuration.
         */
        public Builder clusterFactory(ClusterFactory factory) {
            this.clusterFactory = java.util.Objects.requireNonNull(factory, "factory");
            return this;
        }

        public Broker build() {
            return new Broker(config.build(), clock, fileChannelOpener, clusterFactory);
        }
    }
}
