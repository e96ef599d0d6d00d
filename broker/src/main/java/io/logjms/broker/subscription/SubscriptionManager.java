package io.logjms.broker.subscription;

import static io.logjms.broker.subscription.SubscribeRequests.nullToEmpty;
import static io.logjms.broker.subscription.SubscribeRequests.parse;
import static io.logjms.broker.subscription.SubscribeRequests.requireName;

import io.logjms.broker.threads.BlockingCalls;
import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.metadata.MetadataStore;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.selector.Selector;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All subscriptions of the broker: the shared cursor of each queue, durable and shared topic
 * subscriptions, and non-durable subscribers. Durable definitions are kept in {@link SubscriptionDefinitions}
 * (the metadata store, or the cluster's registry: then every broker holds every stored subscription);
 * cursor state in {@code <data>/subscriptions/<hash of id>/}, or in a cluster in the partitions' own logs
 * ({@link SubscriptionWiring}). Attaching, deleting, listing, describing
 * and resetting touch files and wait for subscriptions' executors: call them off the network threads
 * (asserted with {@link BlockingCalls}). Returns broker types; the network layer encodes them.
 */
public final class SubscriptionManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionManager.class);
    private final SubscriptionWiring wiring;
    private final SubscriptionDefinitions definitions;
    /** The incarnation of each stored subscription open here (a definition replaced elsewhere is reopened). */
    private final Map<String, Long> incarnations = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile RemoteConsumers remoteConsumers = RemoteConsumers.NONE;
    private final DestinationManager destinations;
    private final SubscriptionSettings settings;
    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    /**
     * Ends non-durable subscriptions whose last consumer left. That decision waits for the subscription's
     * executor, so it must not run on it: a detach completes there.
     */
    private final Map<String, Subscription> open = new java.util.concurrent.ConcurrentHashMap<>();
    /** Shared non-durable subscriptions kept after their last consumer's connection was lost: id to grace token. */
    private final Map<String, Object> lingering = new java.util.concurrent.ConcurrentHashMap<>();
    private final long sharedGraceMs;

    /** A consumer attached to a subscription. */
    public record Attachment(Subscription subscription, SubscriptionConsumer consumer, Map<Integer, Long> positions) {
    }

    public SubscriptionManager(Path dir, MetadataStore metadata, DestinationManager destinations,
                               SubscriptionSettings settings, long syncIntervalMs, long sharedGraceMs, Clock clock) {
        this(dir, new MetadataDefinitions(metadata), destinations, settings, syncIntervalMs, sharedGraceMs, clock);
    }

    /** With the definitions kept in {@code definitions} (a cluster's registry, for instance). */
    public SubscriptionManager(Path dir, SubscriptionDefinitions definitions, DestinationManager destinations,
                               SubscriptionSettings settings, long syncIntervalMs, long sharedGraceMs, Clock clock) {
        this.wiring = new SubscriptionWiring(dir);
        this.sharedGraceMs = sharedGraceMs;
        this.definitions = definitions;
        this.destinations = destinations;
        this.settings = settings.withGroupWaitMs(sharedGraceMs);
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemon("logjms-dispatch"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("logjms-subscription-timer"));
        if (syncIntervalMs > 0) {
            timer.scheduleWithFixedDelay(() -> open.values().forEach(Subscription::sync), syncIntervalMs,
                    syncIntervalMs, TimeUnit.MILLISECONDS);
        }
        destinations.onDelete(this::destinationDeleted);
        definitions.onRemoteChange(this::definitionChanged);
    }

    /**
     * Keeps the cursors of stored subscriptions (queues, durable and shared durable subscriptions) in their
     * partitions' logs from now on, each partition served only while this broker leads it (a cluster); call before
     * any subscription opens.
     */
    public void useReplicatedCursors(long commitTimeoutMs) {
        wiring.useReplicatedCursors(commitTimeoutMs);
    }

    /** Where the consumers of the other brokers of a cluster are counted (before deleting or replacing). */
    public void remoteConsumers(RemoteConsumers remote) {
        this.remoteConsumers = remote;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Attaches a consumer as the request asks, creating the subscription when needed. */
    public synchronized CompletableFuture<Attachment> attach(SubscribeRequest request, String clientId,
                                                             DeliverySink sink, boolean autoCreate) {
        assert BlockingCalls.allowed("attaching a consumer");
        Selector selector = parse(request.selector());
        Destination destination = destinations.getOrCreate(request.destination(), autoCreate);
        SubscriptionKind kind = request.kind();
        boolean queue = request.destination().type() == DestinationType.QUEUE;
        if (queue != (kind == SubscriptionKind.QUEUE)) {
            throw new SubscriptionException(SubscriptionException.Reason.INVALID_REQUEST, kind + " subscriptions are not possible on " + request.destination());
        }
        List<Integer> partitions = partitionSubset(request, destination);
        Subscription sub;
        switch (kind) {
            case QUEUE -> sub = open.computeIfAbsent("queue/" + destination.id().name(),
                    id -> create(id, destination, kind, null, false, StartPosition.EARLIEST, 0, true));
            case NON_DURABLE -> {
                String id = "consumer/" + UUID.randomUUID();
                sub = create(id, destination, kind, selector, request.noLocal(), request.start(), request.startTimestamp(), false,
                        partitions, 0);
                open.put(id, sub);
            }
            case SHARED_NON_DURABLE -> {
                String id = "shared/" + nullToEmpty(clientId) + "/" + requireName(request);
                checkNameFree(id, clientId, request.name());
                sub = open.get(id);
                if (sub != null && sub.isClosed()) {
                    open.remove(id, sub);
                    sub = null;
                }
                lingering.remove(id);
                if (sub != null && !sub.destination().equals(destination.id())) {
                    throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "shared subscription '" + request.name()
                            + "' is in use on " + sub.destination());
                }
                if (sub == null) {
                    sub = create(id, destination, kind, selector, request.noLocal(), request.start(), request.startTimestamp(), false);
                    open.put(id, sub);
                }
            }
            case DURABLE, SHARED_DURABLE -> sub = durable(request, clientId, destination, selector);
            default -> throw new SubscriptionException(SubscriptionException.Reason.INVALID_REQUEST, "unknown subscription kind " + kind);
        }
        SubscriptionConsumer consumer = new SubscriptionConsumer(SubscriptionConsumer.identity(sink.origin(),
                request.subscriptionId()), sink, queue ? selector : null, request.initialCredit(),
                new java.util.TreeSet<>(partitions));
        if (kind == SubscriptionKind.DURABLE) {
            int active = join(sub.consumerCount());
            if (active > 0) {
                throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "durable subscription '" + request.name()
                        + "' of client " + clientId + " already has an active consumer");
            }
        }
        Subscription s = sub;
        return sub.attach(consumer).thenApply(positions -> new Attachment(s, consumer, positions));
    }

    /** The partitions a request restricts its subscription to (empty for all), each checked to exist. */
    private static List<Integer> partitionSubset(SubscribeRequest request, Destination destination) {
        for (int p : request.partitions()) {
            if (p >= destination.partitionCount()) {
                throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_PARTITION, destination.id()
                        + " has no partition " + p);
            }
        }
        return request.partitions();
    }

    private Subscription durable(SubscribeRequest request, String clientId, Destination destination, Selector selector) {
        boolean shared = request.kind() == SubscriptionKind.SHARED_DURABLE;
        if (!shared && (clientId == null || clientId.isEmpty())) {
            throw new SubscriptionException(SubscriptionException.Reason.INVALID_CLIENT_ID, "an unshared durable subscription needs a client id");
        }
        String name = requireName(request);
        String id = (shared ? "shared-durable/" : "durable/") + nullToEmpty(clientId) + "/" + name;
        checkNameFree(id, clientId, name);
        SubscriptionDefinition wanted = new SubscriptionDefinition(request.kind(), destination.id().name(),
                selector.isMatchAll() ? null : selector.text(), request.noLocal(), clock.millis());
        Optional<DefinedSubscription> stored = definitions.find(id);
        Subscription sub = open.get(id);
        boolean replaced = stored.isPresent() && !stored.get().definition().sameAs(wanted);
        if (replaced && consumersEverywhere(id, sub) > 0) {
            throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "durable subscription '" + name
                    + "' has active consumers with another topic, selector or noLocal setting");
        }
        DefinedSubscription defined = definitions.store(id, wanted); // first: if it fails, nothing changed here
        if (replaced || (sub != null && !Long.valueOf(defined.incarnation()).equals(incarnations.get(id)))) {
            log.info("durable subscription {} changed (topic, selector or noLocal): recreating it", id);
            discard(id, sub, null, null);
            sub = null;
        }
        if (sub == null) {
            // the cursor entries in the partitions' logs carry the definition's own incarnation (when it was made)
            sub = create(id, destination, request.kind(), selector, request.noLocal(), request.start(),
                    request.startTimestamp(), true, List.of(), defined.definition().incarnation());
            open.put(id, sub);
            incarnations.put(id, defined.incarnation());
        }
        return sub;
    }

    /** The consumers of a subscription here and on the other brokers of the cluster. */
    private int consumersEverywhere(String id, Subscription here) {
        return (here == null ? 0 : join(here.consumerCount())) + remoteConsumers.count(id);
    }

    /** Closes a stored subscription open here (telling its consumers, if any) and deletes its cursor state. */
    private void discard(String id, Subscription sub, ErrorCode error, String message) {
        incarnations.remove(id);
        if (sub != null) {
            open.remove(id, sub);
            join(sub.close(error, message, true));
            removeListener(sub);
        } else {
            wiring.deleteLocalState(id);
        }
    }

    /**
     * Another broker created, replaced or deleted a stored subscription: this broker holds it as defined now (opened
     * here at once if its topic is, so that every broker holds every stored subscription).
     */
    private synchronized void definitionChanged(String id, Optional<DefinedSubscription> now) {
        Subscription sub = open.get(id);
        if (now.isPresent() && sub != null && Long.valueOf(now.get().incarnation()).equals(incarnations.get(id))) {
            return;
        }
        log.info("durable subscription {} was {} in the cluster", id, now.isEmpty() ? "deleted" : "defined");
        discard(id, sub, ErrorCode.UNKNOWN_SUBSCRIPTION, "durable subscription " + id + " was deleted or replaced");
        now.flatMap(d -> destinations.find(DestinationId.topic(d.definition().topic())).map(t -> Map.entry(d, t)))
                .ifPresent(e -> {
                    SubscriptionDefinition def = e.getKey().definition();
                    open.put(id, create(id, e.getValue(), def.kind(), parse(def.selector()), def.noLocal(),
                            StartPosition.LATEST, 0, true, List.of(), def.incarnation()));
                    incarnations.put(id, e.getKey().incarnation());
                });
    }

    /** Detaches a consumer the application closed; a non-durable subscription ends with its last consumer. */
    public CompletableFuture<Void> detach(Attachment attachment) {
        return detach(attachment, false);
    }

    /**
     * Detaches a consumer. A non-durable subscription ends with its last consumer, except a shared one whose
     * last consumer went because its connection was lost ({@code connectionLost}): that one is kept, without
     * consumers, for {@code subscriptions.shared.grace.ms}, so that the consumer reconnecting under the same
     * name continues it (what it held comes again, counted as delivered).
     */
    public CompletableFuture<Void> detach(Attachment attachment, boolean connectionLost) {
        Subscription sub = attachment.subscription();
        // continue off the subscription's executor: closing queues work on it
        return sub.detach(attachment.consumer()).thenComposeAsync(left -> {
            if (left > 0 || sub.durable()) {
                return CompletableFuture.completedFuture(null);
            }
            if (connectionLost && sub.kind() == SubscriptionKind.SHARED_NON_DURABLE && sharedGraceMs > 0) {
                keepForGrace(sub);
                return CompletableFuture.completedFuture(null);
            }
            return endIfIdle(sub);
        }, pool);
    }

    private CompletableFuture<Void> endIfIdle(Subscription sub) {
        return sub.closeIfIdle().thenAccept(closed -> {
            if (closed) {
                open.remove(sub.id(), sub);
                removeListener(sub);
            }
        });
    }

    /**
     * Keeps a shared non-durable subscription without consumers until the grace period ends, unless a
     * consumer attaches meanwhile ({@link #attach} then withdraws the token under this object's lock, so
     * the expiry cannot end a subscription a consumer was just attached to).
     */
    private void keepForGrace(Subscription sub) {
        Object token = new Object();
        lingering.put(sub.id(), token);
        log.info("{}: its last consumer's connection was lost; kept {} ms for it to come back", sub, sharedGraceMs);
        timer.schedule(() -> pool.execute(() -> graceEnded(sub, token)), sharedGraceMs, TimeUnit.MILLISECONDS);
    }

    private void graceEnded(Subscription sub, Object token) {
        synchronized (this) {
            if (!lingering.remove(sub.id(), token) || !open.remove(sub.id(), sub)) {
                return;
            }
        }
        sub.closeIfIdle().thenAccept(closed -> {
            if (closed) {
                removeListener(sub);
                log.info("{}: no consumer came back within {} ms; ended", sub, sharedGraceMs);
            } else {
                keepOpen(sub);
            }
        });
    }

    /** A consumer attached between the detach and the grace: the subscription goes on. */
    private synchronized void keepOpen(Subscription sub) {
        if (open.putIfAbsent(sub.id(), sub) != null) {
            log.warn("{} has a consumer but another subscription took its name meanwhile", sub);
        }
    }

    /** Deletes a durable subscription (JMS unsubscribe). */
    public synchronized void unsubscribe(String clientId, String name) {
        assert BlockingCalls.allowed("deleting a durable subscription");
        for (String prefix : List.of("durable/", "shared-durable/")) {
            String id = prefix + nullToEmpty(clientId) + "/" + name;
            if (definitions.find(id).isEmpty()) {
                continue;
            }
            Subscription sub = open.get(id);
            if (consumersEverywhere(id, sub) > 0) {
                throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "durable subscription '" + name
                        + "' has an active consumer; close it before unsubscribing");
            }
            definitions.delete(id);
            discard(id, sub, null, null);
            log.info("deleted durable subscription {}", id);
            return;
        }
        throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_SUBSCRIPTION, "no durable subscription '" + name + "'"
                + (clientId != null ? " for client id " + clientId : ""));
    }

    /** The queue's shared cursor, opened if needed (browsing, admin). */
    public synchronized Subscription queueCursor(Destination queue) {
        assert BlockingCalls.allowed("opening a queue cursor");
        return open.computeIfAbsent("queue/" + queue.id().name(),
                id -> create(id, queue, SubscriptionKind.QUEUE, null, false, StartPosition.EARLIEST, 0, true));
    }

    /** Acknowledges records of a stored subscription by its id (transaction recovery). */
    public synchronized void recoverAcks(String id, List<io.logjms.protocol.api.RecordRef> records) {
        storedOrGone(id, "transaction recovery").ifPresent(sub -> join(sub.ackRecovered(records)));
    }

    /**
     * Applies a decided cross-broker transaction's acknowledgements of a stored subscription, opening it here if no
     * consumer has: through its partitions' dispatchers, so that the acknowledgements are part of the cursor state
     * (and, in a cluster, of the partition's log). Fails with
     * {@link io.logjms.broker.partition.NotLeaderException} while a partition is not served here yet (a new leader
     * still rebuilding the subscription): the coordinator applies again. Completes at once when the subscription
     * no longer exists (deleted: there is nothing left to acknowledge).
     */
    public CompletableFuture<Void> ackForTransaction(String id, List<io.logjms.protocol.api.RecordRef> records) {
        Optional<Subscription> sub;
        synchronized (this) {
            sub = storedOrGone(id, "a decided transaction");
        }
        return sub.map(s -> s.ackForTransaction(records)).orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    /**
     * After a restart: the records a prepared XA branch acknowledges stay in flight for {@code holder} until
     * the branch is decided (see {@link #releaseHeld}).
     */
    public synchronized void holdRecovered(String id, List<io.logjms.protocol.api.RecordRef> records, long holder) {
        storedOrGone(id, "XA recovery").ifPresent(sub -> join(sub.holdRecovered(records, holder)));
    }

    /** Gives back, for redelivery, records of a stored subscription that {@code holder} held. */
    public synchronized void releaseHeld(String id, List<io.logjms.protocol.api.RecordRef> records, long holder) {
        storedOrGone(id, null).ifPresent(sub -> join(sub.releaseHeld(holder, records)));
    }

    /**
     * The stored subscription {@code id}, opened if needed; empty when it no longer exists, which is logged as
     * {@code who} dropping its acknowledgements of it (not logged when {@code who} is null).
     */
    private Optional<Subscription> storedOrGone(String id, String who) {
        try {
            return Optional.of(openStored(id));
        } catch (SubscriptionException e) {
            if (who != null) {
                log.warn("{}: subscription {} no longer exists; what acknowledges its records is dropped", who, id);
            }
            return Optional.empty();
        }
    }

    /** Applies transaction acknowledgements without syncing, then syncs each touched journal once. */
    public void ackAll(Map<Subscription, List<io.logjms.protocol.api.RecordRef>> acks, boolean sync) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        acks.forEach((sub, refs) -> futures.add(sub.ackUnsynced(refs)));
        futures.forEach(SubscriptionManager::join);
        if (sync) {
            acks.keySet().forEach(sub -> join(sub.syncNow()));
        }
    }

    /** Admin: every subscription, open or stored, optionally of one destination. */
    public synchronized List<SubscriptionSummary> list(DestinationId filter) {
        return summaries(filter, true);
    }

    /**
     * Every subscription (open, defined or a queue's), without consumer counts: answers at once, without
     * waiting on any subscription's executor, so a network thread may ask (access checks).
     */
    public synchronized List<SubscriptionSummary> definitions() {
        return summaries(null, false);
    }

    private List<SubscriptionSummary> summaries(DestinationId filter, boolean countConsumers) {
        return SubscriptionListing.summaries(open.values(), definitions.all(), destinations.all(), filter,
                countConsumers);
    }

    /**
     * Admin, for the other brokers of a cluster: the subscriptions open here, with their consumers here. Takes no
     * lock of this manager, so a broker that holds it while asking the others (before a delete) is answered.
     */
    public List<SubscriptionSummary> openHere(DestinationId filter) {
        return SubscriptionListing.summaries(open.values(), java.util.Collections.emptySortedMap(), List.of(), filter,
                true);
    }

    /** Admin: a subscription with its progress per partition. */
    public synchronized SubscriptionSummary describe(String id) {
        Subscription sub = openStored(id);
        return SubscriptionListing.info(sub.id(), sub.kind(), sub.destination(),
                sub.selector().isMatchAll() ? null : sub.selector().text(), join(sub.consumerCount()),
                join(sub.progress()));
    }

    /** Admin: moves a subscription's position; refused while it has consumers unless forced. */
    public synchronized Map<Integer, Long> reset(String id, io.logjms.protocol.api.SeekMode mode, long value,
                                                 int partition, boolean force) {
        Subscription sub = openStored(id);
        int consumers = join(sub.consumerCount());
        if (consumers > 0 && !force) {
            throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "subscription " + id + " has " + consumers
                    + " active consumer(s); stop them first or force the reset");
        }
        Map<Integer, Long> positions = join(sub.seek(mode, value, partition));
        log.info("reset subscription {} to {} {} (partition {}): {}", id, mode, value, partition, positions);
        return positions;
    }

    /** An open subscription, or a stored one (queue cursor, durable subscription) opened now. */
    private Subscription openStored(String id) {
        Subscription sub = open.get(id);
        if (sub != null) {
            return sub;
        }
        if (id.startsWith("queue/")) {
            Destination queue = destinations.find(DestinationId.queue(id.substring("queue/".length())))
                    .orElseThrow(() -> new SubscriptionException(SubscriptionException.Reason.UNKNOWN_SUBSCRIPTION, "no subscription " + id));
            return queueCursor(queue);
        }
        DefinedSubscription defined = definitions.find(id)
                .orElseThrow(() -> new SubscriptionException(SubscriptionException.Reason.UNKNOWN_SUBSCRIPTION, "no subscription " + id));
        SubscriptionDefinition def = defined.definition();
        Destination topic = destinations.find(DestinationId.topic(def.topic()))
                .orElseThrow(() -> new SubscriptionException(SubscriptionException.Reason.UNKNOWN_DESTINATION, "topic " + def.topic()
                        + " of subscription " + id + " does not exist"));
        sub = create(id, topic, def.kind(), parse(def.selector()), def.noLocal(), StartPosition.LATEST, 0, true,
                List.of(), def.incarnation());
        open.put(id, sub);
        incarnations.put(id, defined.incarnation());
        return sub;
    }

    public List<Subscription> subscriptions() {
        return new ArrayList<>(open.values());
    }

    /** A queue's cursor (incarnation 0: a queue made again has new logs). */
    private Subscription create(String id, Destination destination, SubscriptionKind kind, Selector selector,
                                boolean noLocal, StartPosition start, long startTimestamp, boolean durable) {
        return create(id, destination, kind, selector, noLocal, start, startTimestamp, durable, List.of(), 0);
    }

    private Subscription create(String id, Destination destination, SubscriptionKind kind, Selector selector,
                                boolean noLocal, StartPosition start, long startTimestamp, boolean durable,
                                List<Integer> partitions, long incarnation) {
        CursorStore store = durable ? wiring.store(id, destination, incarnation) : null;
        Subscription sub = new Subscription(id, destination.id(), kind, selector, noLocal,
                LogPartitionSource.of(destination.partitions(), partitions), store, settings, pool, timer, clock);
        wiring.connect(sub, destination, store instanceof ReplicatedCursorStore);
        sub.open(start, startTimestamp);
        return sub;
    }

    private void removeListener(Subscription sub) {
        wiring.disconnect(sub, destinations.find(sub.destination()).orElse(null));
    }

    private synchronized void destinationDeleted(Destination d) {
        for (Subscription sub : new ArrayList<>(open.values())) {
            if (sub.destination().equals(d.id())) {
                open.remove(sub.id());
                incarnations.remove(sub.id());
                wiring.disconnect(sub, d);
                join(sub.close(ErrorCode.UNKNOWN_DESTINATION, d.id() + " was deleted", true));
            }
        }
        if (d.id().type() == DestinationType.TOPIC) {
            definitions.all().forEach((id, defined) -> {
                if (defined.definition().topic().equals(d.id().name())) {
                    wiring.deleteLocalState(id);
                    deleteDefinition(id);
                }
            });
        } else {
            wiring.deleteLocalState("queue/" + d.id().name());
        }
    }

    /** Deletes a deleted topic's subscription; in a cluster every broker tries, the first one wins. */
    private void deleteDefinition(String id) {
        try {
            definitions.delete(id);
        } catch (RuntimeException e) {
            log.warn("the definition of {} was not deleted with its topic here: {}", id, e.getMessage());
        }
    }

    private void checkNameFree(String id, String clientId, String name) {
        String suffix = "/" + nullToEmpty(clientId) + "/" + name;
        for (String prefix : List.of("durable", "shared-durable", "shared")) {
            String other = prefix + suffix;
            if (!other.equals(id) && (open.containsKey(other) || definitions.find(other).isPresent())) {
                throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "subscription name '" + name
                        + "' is already used by a " + prefix.replace('-', ' ') + " subscription");
            }
        }
    }

    /** Waits for a subscription future, translating its failure. */
    public static <T> T join(CompletableFuture<T> future) {
        assert BlockingCalls.allowed("waiting for a subscription");
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriptionException(SubscriptionException.Reason.NOT_ANSWERED, "interrupted");
        } catch (TimeoutException e) {
            throw new SubscriptionException(SubscriptionException.Reason.NOT_ANSWERED, "subscription did not answer in time");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new SubscriptionException(SubscriptionException.Reason.NOT_ANSWERED, String.valueOf(c), c);
        }
    }

    @Override
    public void close() {
        for (Subscription sub : open.values()) {
            try {
                sub.close(ErrorCode.BROKER_SHUTTING_DOWN, "broker is shutting down", false).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("could not close {} cleanly", sub, e);
            }
        }
        open.clear();
        timer.shutdownNow();
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
