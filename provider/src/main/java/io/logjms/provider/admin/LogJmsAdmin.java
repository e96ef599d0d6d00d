package io.logjms.provider.admin;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ClusterDescription;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.DescribeDestinationResponse;
import io.logjms.protocol.api.DestinationRequest;
import io.logjms.protocol.api.ListSubscriptionsRequest;
import io.logjms.protocol.api.MetadataRequest;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ResetSubscriptionRequest;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionDescription;
import io.logjms.protocol.api.SubscriptionInfo;
import io.logjms.provider.client.BrokerUnreachableException;
import io.logjms.provider.client.ConnectFailure;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.PushListener;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Administers a logjms broker: destinations (list, create, describe, alter, delete) and subscriptions
 * (list, describe, reset). One connection, opened by {@link #connect(String)}; every method blocks until
 * the broker answers and throws {@link LogJmsAdminException} when it refuses or cannot be reached.
 * Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://localhost:7878")) {
 *     admin.createTopic("orders", DestinationSettings.defaults().withPartitions(3));
 *     admin.resetSubscription("durable/billing/orders", ResetPosition.earliest(), false);
 * }
 * }</pre>
 */
public final class LogJmsAdmin implements AutoCloseable {
    /** Connect timeout of {@link #connect(String)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Request timeout of {@link #connect(String)}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ProtocolClient client;
    private final AdminUrl url;
    private final Duration requestTimeout;

    private LogJmsAdmin(ProtocolClient client, AdminUrl url, Duration requestTimeout) {
        this.client = client;
        this.url = url;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Connects to {@code logjms://host:port[?user=..&password=..]} with the default timeouts.
     *
     * @throws IllegalArgumentException when the URL is malformed or has unknown options
     * @throws LogJmsAdminException     when the broker cannot be reached or refuses the credentials
     */
    public static LogJmsAdmin connect(String url) {
        return connect(AdminUrl.parse(url), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Connects with explicit timeouts; see {@link #connect(String)}. */
    public static LogJmsAdmin connect(AdminUrl url, Duration connectTimeout, Duration requestTimeout) {
        CompletableFuture<ProtocolClient> connecting = ProtocolClient.connect(url.host(), url.port(),
                ProtocolClient.handshake(null, url.user(), url.password()), connectTimeout, requestTimeout,
                PushListener.NONE, url.tls()).exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    // a refused handshake keeps its error code; an unreachable broker is said in words
                    return CompletableFuture.failedFuture(cause instanceof ProtocolErrorException ? cause
                            : new BrokerUnreachableException(ConnectFailure.describe(cause, connectTimeout,
                                    requestTimeout), cause));
                });
        Duration wait = connectTimeout.plus(requestTimeout);
        ProtocolClient client = AdminCalls.await(connecting, wait, "connect to the logjms broker at " + url);
        return new LogJmsAdmin(client, url, requestTimeout);
    }

    /** The URL this admin is connected to (password hidden in {@code toString}). */
    public AdminUrl url() {
        return url;
    }

    /** Every topic, by name. */
    public List<DestinationSummary> topics() {
        return destinations(DestinationType.TOPIC);
    }

    /** Every queue, by name. */
    public List<DestinationSummary> queues() {
        return destinations(DestinationType.QUEUE);
    }

    private List<DestinationSummary> destinations(DestinationType type) {
        MetadataResponse all = call(ApiKey.METADATA, new MetadataRequest(List.of(), false)::writeTo,
                MetadataResponse::readFrom, "list " + plural(type));
        return all.destinations().stream()
                .filter(e -> e.destination().type() == type && e.error() == ErrorCode.NONE)
                .map(e -> new DestinationSummary(type, e.destination().name(), e.partitions()))
                .sorted(Comparator.comparing(DestinationSummary::name))
                .toList();
    }

    /** Creates a topic; null settings fields take the broker defaults. */
    public void createTopic(String name, DestinationSettings settings) {
        create(DestinationId.topic(name), settings);
    }

    /** Creates a queue; null settings fields take the broker defaults. */
    public void createQueue(String name, DestinationSettings settings) {
        create(DestinationId.queue(name), settings);
    }

    private void create(DestinationId id, DestinationSettings settings) {
        int partitions = settings.partitions() == null ? -1 : settings.partitions();
        int replicationFactor = settings.replicationFactor() == null ? CreateDestinationRequest.DEFAULT_REPLICATION_FACTOR
                : settings.replicationFactor();
        call(ApiKey.CREATE_DESTINATION, new CreateDestinationRequest(id, partitions, settings.toWire(),
                        replicationFactor)::writeTo,
                body -> null, "create " + describe(id));
    }

    /** The cluster the broker belongs to: its name, controller and members (one member when standalone). */
    public ClusterDetails describeCluster() {
        ClusterDescription d = call(ApiKey.CLUSTER_DESCRIBE, body -> { }, ClusterDescription::readFrom,
                "describe the cluster");
        return new ClusterDetails(d.clusterName(),
                d.controller() == ClusterDescription.NO_CONTROLLER ? null : d.controller(),
                d.members().stream().map(m -> new ClusterDetails.Member(m.nodeId(), m.host(), m.port(), m.alive()))
                        .toList());
    }

    public DestinationDetails describeTopic(String name) {
        return describe(DestinationId.topic(name), "describe topic " + name);
    }

    public DestinationDetails describeQueue(String name) {
        return describe(DestinationId.queue(name), "describe queue " + name);
    }

    private DestinationDetails describe(DestinationId id, String action) {
        DescribeDestinationResponse r = call(ApiKey.DESCRIBE_DESTINATION, new DestinationRequest(id)::writeTo,
                DescribeDestinationResponse::readFrom, action);
        return new DestinationDetails(r.destination().type(), r.destination().name(), r.settings(),
                r.partitions().stream()
                        .map(p -> new DestinationDetails.PartitionRange(p.partition(), p.logStartOffset(), p.logEndOffset(),
                                p.leader() == DescribeDestinationResponse.PartitionState.NO_LEADER ? null : p.leader(),
                                p.replicas(), p.inSync(), p.leaderEpoch(),
                                p.highWatermark() == DescribeDestinationResponse.PartitionState.UNKNOWN ? null
                                        : p.highWatermark()))
                        .toList());
    }

    /**
     * Changes a topic's retention or segment size; null fields stay as they are.
     *
     * @throws IllegalArgumentException when the settings name a partition count (fixed at creation)
     */
    public void alterTopic(String name, DestinationSettings settings) {
        alter(DestinationId.topic(name), settings);
    }

    /** Changes a queue's retention or segment size; see {@link #alterTopic}. */
    public void alterQueue(String name, DestinationSettings settings) {
        alter(DestinationId.queue(name), settings);
    }

    private void alter(DestinationId id, DestinationSettings settings) {
        if (settings.partitions() != null) {
            throw new IllegalArgumentException("the partition count of " + describe(id)
                    + " is fixed at creation and cannot be altered");
        }
        call(ApiKey.ALTER_DESTINATION, new CreateDestinationRequest(id, -1, settings.toWire())::writeTo,
                body -> null, "alter " + describe(id));
    }

    /**
     * Deletes a topic with its records and its subscriptions; the broker closes consumers attached to it.
     */
    public void deleteTopic(String name) {
        delete(DestinationId.topic(name));
    }

    /** Deletes a queue with its records; the broker closes consumers attached to it. */
    public void deleteQueue(String name) {
        delete(DestinationId.queue(name));
    }

    private void delete(DestinationId id) {
        call(ApiKey.DELETE_DESTINATION, new DestinationRequest(id)::writeTo, body -> null, "delete " + describe(id));
    }

    /** Every subscription (queue cursors included), or those of one topic when {@code topicOrNull} is given. */
    public List<SubscriptionSummary> subscriptions(String topicOrNull) {
        DestinationId filter = topicOrNull == null ? null : DestinationId.topic(topicOrNull);
        List<SubscriptionInfo> infos = call(ApiKey.LIST_SUBSCRIPTIONS, new ListSubscriptionsRequest(filter)::writeTo,
                SubscriptionInfo::readList, "list subscriptions");
        return infos.stream().map(LogJmsAdmin::summary).toList();
    }

    /** A subscription with its progress per partition; the id is a {@link SubscriptionSummary#id()}. */
    public SubscriptionDetails describeSubscription(String id) {
        Objects.requireNonNull(id, "id");
        SubscriptionDescription d = call(ApiKey.DESCRIBE_SUBSCRIPTION, new NameRequest(id)::writeTo,
                SubscriptionDescription::readFrom, "describe subscription " + id);
        return new SubscriptionDetails(summary(d.info()), d.partitions().stream()
                .map(p -> new SubscriptionDetails.PartitionProgress(p.partition(), p.logStartOffset(), p.logEndOffset(),
                        p.committed(), p.inFlight(), p.skippedByRetention()))
                .toList());
    }

    /**
     * Moves a subscription's committed position: records from the new position on are delivered (again).
     * The broker refuses ({@link ErrorCode#SUBSCRIPTION_IN_USE}) while consumers are attached unless
     * {@code force}; a forced reset also forgets what those consumers have in flight.
     *
     * @return the next offset the subscription will deliver, by partition
     */
    public Map<Integer, Long> resetSubscription(String id, ResetPosition position, boolean force) {
        Objects.requireNonNull(id, "id");
        ResetSubscriptionRequest request = switch (position.mode()) {
            case EARLIEST -> new ResetSubscriptionRequest(id, SeekMode.BEGINNING, 0, -1, force);
            case LATEST -> new ResetSubscriptionRequest(id, SeekMode.END, 0, -1, force);
            case TIME -> new ResetSubscriptionRequest(id, SeekMode.TIMESTAMP, epochMillis(position), -1, force);
            case OFFSET -> new ResetSubscriptionRequest(id, SeekMode.OFFSET, position.offset(), position.partition(), force);
        };
        SubscribeResponse r = call(ApiKey.RESET_SUBSCRIPTION, request::writeTo, SubscribeResponse::readFrom,
                "reset subscription " + id + " to " + position);
        return new TreeMap<>(r.positions());
    }

    private static long epochMillis(ResetPosition position) {
        try {
            return position.time().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time " + position.time() + " is out of range", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader, String action) {
        // the client fails the request after requestTimeout; waiting a little longer lets its message through
        return AdminCalls.await(client.request(api, body, reader), requestTimeout.plus(Duration.ofSeconds(5)), action);
    }

    private static SubscriptionSummary summary(SubscriptionInfo i) {
        return new SubscriptionSummary(i.id(), i.kind(), i.destination().type(), i.destination().name(), i.clientId(),
                i.name(), i.selector(), i.consumers());
    }

    private static String describe(DestinationId id) {
        return (id.type() == DestinationType.TOPIC ? "topic " : "queue ") + id.name();
    }

    private static String plural(DestinationType type) {
        return type == DestinationType.TOPIC ? "topics" : "queues";
    }
}
