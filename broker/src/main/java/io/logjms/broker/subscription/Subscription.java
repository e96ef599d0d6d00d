package io.logjms.broker.subscription;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.api.TransactionId;
import io.logjms.selector.Selector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named set of cursors over every partition of a destination, with the consumers attached to it:
 * the queue's shared cursor, a durable or shared subscription, or one non-durable subscriber. One
 * {@link PartitionDispatcher} per partition reads and hands out records, a {@link DispatchPolicy}
 * decides who gets what, a {@link CursorStore} keeps the state of durable subscriptions, and
 * {@link SubscriptionAdmin} browses, seeks and reports progress.
 *
 * <p>All state changes run on one serial executor, so the cursor state needs no locks; callers get
 * futures and are never made to wait on it. Returns broker types only; the network layer encodes them.
 */
public final class Subscription {
    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final int MAX_ROUNDS = 64;

    private final String id;
    private final DestinationId destination;
    private final DispatchPolicy policy;
    private final Dispatchers dispatchers;
    private final SubscriptionAdmin admin;
    private final CursorStore store;
    private final SubscriptionSettings settings;
    private final SerialExecutor executor;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    /** A cluster's stored subscription ({@link ReplicatedCursorStore}): which partitions it serves here; else null. */
    private final PartitionLeadership leadership;
    private final TransactionHolds transactionHolds;
    /** Set by {@link #open}: leadership changes before it wait for the reconciliation open asks for. */
    private volatile boolean opened;
    private boolean dispatchScheduled;
    private volatile boolean closed;
    private long wakeupAt = Long.MAX_VALUE;

    Subscription(String id, DestinationId destination, SubscriptionKind kind, Selector selector, boolean noLocal,
                 List<PartitionSource> partitions, CursorStore store, SubscriptionSettings settings,
                 Executor pool, ScheduledExecutorService timer, Clock clock) {
        this.id = id;
        this.destination = destination;
        this.policy = new DispatchPolicy(kind, selector, noLocal, settings);
        List<PartitionDispatcher> list = new ArrayList<>(partitions.size());
        for (PartitionSource source : partitions) {
            list.add(new PartitionDispatcher(id, destination, source, store));
        }
        this.dispatchers = new Dispatchers(list, store instanceof ReplicatedCursorStore);
        this.admin = new SubscriptionAdmin(destination, dispatchers.all(), store);
        this.transactionHolds = new TransactionHolds(dispatchers, store);
        this.store = store;
        this.settings = settings;
        this.executor = new SerialExecutor(pool);
        this.timer = timer;
        this.clock = clock;
        this.leadership = store instanceof ReplicatedCursorStore r ? new PartitionLeadership(this, r, dispatchers,
                policy, this::scheduleDispatch,
                p -> timer.schedule(() -> leadershipChanged(p), 1, TimeUnit.SECONDS)) : null;
    }

    /**
     * Positions the cursors: from the store when the subscription has stored state, otherwise at the
     * start position (stored at once, so a restart does not move a new durable subscription). In a cluster
     * ({@link ReplicatedCursorStore}) each partition is positioned when this broker starts leading it.
     */
    void open(StartPosition start, long startTimestamp) {
        if (leadership != null) {
            leadership.startAt(start, startTimestamp);
            opened = true;
            // every partition stays dormant until this broker leads it and has rebuilt its cursor there
            dispatchers.all().forEach(d -> executor.execute(() -> reconcile(d)));
            return;
        }
        Map<Integer, CursorJournal.PartitionState> stored = store == null ? Map.of() : store.load();
        for (PartitionDispatcher d : dispatchers.all()) {
            CursorJournal.PartitionState state = stored.get(d.partition());
            if (state != null) {
                d.restore(state);
            } else {
                PartitionSource source = d.source();
                d.start(switch (start) {
                    case EARLIEST -> source.logStartOffset();
                    case LATEST -> source.logEndOffset();
                    case TIMESTAMP -> source.offsetForTimestamp(startTimestamp);
                });
            }
        }
        if (store != null) {
            store.sync();
        }
    }

    public String id() {
        return id;
    }

    public DestinationId destination() {
        return destination;
    }

    public SubscriptionKind kind() {
        return policy.kind();
    }

    public Selector selector() {
        return policy.selector();
    }

    public boolean noLocal() {
        return policy.noLocal();
    }

    public boolean durable() {
        return store != null;
    }

    /** Attaches a consumer and starts delivering to it. */
    public CompletableFuture<Map<Integer, Long>> attach(SubscriptionConsumer consumer) {
        return call(() -> {
            if (closed) {
                throw new IllegalStateException("subscription " + id + " is closed");
            }
            if (consumer.restricted()) {
                dispatchers.requireServed(consumer.partitionsCopy(), this);
            }
            policy.add(consumer);
            scheduleDispatch();
            return positionsFor(consumer);
        });
    }

    /**
     * Attaches {@code consumer} to {@code partitions} only from now on: a partition added must be served here (else
     * {@link io.logjms.broker.partition.NotLeaderException}, or {@code UNKNOWN_PARTITION}, and nothing changes); what
     * the consumer holds of a partition dropped goes back for redelivery. Completes with the partitions' positions.
     */
    public CompletableFuture<Map<Integer, Long>> replacePartitions(SubscriptionConsumer consumer, Set<Integer> partitions) {
        return call(() -> {
            if (!policy.consumers().contains(consumer)) {
                throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_SUBSCRIPTION, "the consumer is no"
                        + " longer attached to " + this);
            }
            dispatchers.requireServed(partitions, this);
            for (PartitionDispatcher d : dispatchers.active()) {
                if (consumer.covers(d.partition()) && !partitions.contains(d.partition())) {
                    consumer.dropOutgoing(d.partition());
                    d.releaseAll(consumer.id());
                }
            }
            consumer.partitions(partitions);
            scheduleDispatch();
            return positionsFor(consumer);
        });
    }

    /** The partition's leadership on this broker changed (a cluster): starts or stops serving it. */
    public void leadershipChanged(int partition) {
        executor.execute(() -> {
            PartitionDispatcher d = dispatchers.any(partition);
            if (d != null) {
                reconcile(d);
            }
        });
    }

    private void reconcile(PartitionDispatcher d) {
        if (opened && !closed && leadership != null) {
            leadership.reconcile(d);
        }
    }

    /**
     * Detaches a consumer; what it holds goes back to the cursor, counted as delivered (the application
     * may have seen it), and its message groups move on. Completes with the number of consumers left.
     */
    public CompletableFuture<Integer> detach(SubscriptionConsumer consumer) {
        return call(() -> {
            if (policy.remove(consumer)) {
                boolean identityStays = policy.attached(consumer.identity()) != null;
                dispatchers.active().forEach(d -> d.detached(consumer, identityStays));
                if (store != null) {
                    store.flush(); // the groups it freed, so that a new leader does not wait for it
                }
                scheduleDispatch();
            }
            return policy.consumers().size();
        });
    }

    public void credit(SubscriptionConsumer consumer, int credit) {
        executor.execute(() -> {
            consumer.addCredit(credit);
            scheduleDispatch();
        });
    }

    /** Acknowledges records; completes when the acknowledgement is durable under the fsync policy. */
    public CompletableFuture<Void> ack(SubscriptionConsumer consumer, List<RecordRef> records, boolean sync) {
        if (leadership != null) {
            return call(() -> leadership.acknowledged(applyAcks(records), sync && settings.syncEveryChange()))
                    .thenCompose(f -> f);
        }
        return call(() -> {
            applyAcks(records);
            if (store != null) {
                if (sync && settings.syncEveryChange()) {
                    store.sync();
                } else {
                    store.flush();
                }
            }
            return null;
        });
    }

    /** Applies acknowledgements without syncing; the caller syncs (transaction commit). */
    CompletableFuture<Void> ackUnsynced(List<RecordRef> records) {
        return call(() -> {
            applyAcks(records);
            if (store != null) {
                store.flush();
            }
            return null;
        });
    }

    /** Marks records done after a crash interrupted the transaction that consumed them; syncs. */
    CompletableFuture<Void> ackRecovered(List<RecordRef> records) {
        return call(() -> {
            for (RecordRef r : records) {
                PartitionDispatcher d = dispatchers.served(r.partition());
                if (d != null && !d.cursor().isAcked(r.offset())) {
                    d.done(r.offset());
                }
            }
            if (store != null) {
                store.sync();
            }
            return null;
        });
    }

    /** Forces the store to disk now. */
    CompletableFuture<Void> syncNow() {
        return call(() -> {
            if (store != null && !closed) {
                store.sync();
            }
            return null;
        });
    }

    public CompletableFuture<Void> release(SubscriptionConsumer consumer, List<RecordRef> records, boolean delivered) {
        return release(consumer.id(), records, delivered);
    }

    /**
     * Moves records a consumer holds to {@code holder}, an XA branch (a negative id no consumer has): they
     * stay in flight, out of reach of the consumer's detach, until the branch acknowledges or releases them.
     * Completes with the records the consumer did not hold (already given back), which were not moved.
     */
    public CompletableFuture<List<RecordRef>> transfer(SubscriptionConsumer consumer, List<RecordRef> records,
                                                       long holder) {
        return call(() -> {
            List<RecordRef> missing = new ArrayList<>();
            for (RecordRef r : records) {
                PartitionDispatcher d = dispatchers.served(r.partition());
                if (d == null || !d.transfer(r.offset(), consumer.id(), holder)) {
                    missing.add(r);
                }
            }
            return missing;
        });
    }

    /**
     * After a restart: puts the records a prepared XA branch acknowledges back in flight for {@code holder},
     * so they are not delivered again before the branch is decided. Completes with how many it held.
     */
    CompletableFuture<Integer> holdRecovered(List<RecordRef> records, long holder) {
        return call(() -> {
            int held = 0;
            for (RecordRef r : records) {
                PartitionDispatcher d = dispatchers.served(r.partition());
                if (d != null && d.hold(r.offset(), holder)) {
                    held++;
                }
            }
            return held;
        });
    }

    /** Gives back, for redelivery, records an XA branch holds (see {@link #transfer}). */
    public CompletableFuture<Void> releaseHeld(long holder, List<RecordRef> records) {
        return release(holder, records, true);
    }

    private CompletableFuture<Void> release(long owner, List<RecordRef> records, boolean delivered) {
        return call(() -> {
            for (RecordRef r : records) {
                PartitionDispatcher d = dispatchers.served(r.partition());
                if (d != null) {
                    d.release(r.offset(), owner, delivered);
                }
            }
            if (store != null) {
                store.flush();
            }
            scheduleDispatch();
            return null;
        });
    }

    /** Holds records for cross-broker transaction {@code id} ({@link TransactionHolds}); completes with those it cannot. */
    public CompletableFuture<List<RecordRef>> holdForTransaction(TransactionId id, List<RecordRef> records) {
        return call(() -> transactionHolds.hold(id, records, clock.millis())).thenCompose(f -> f);
    }

    /** Marks records a decided cross-broker transaction consumed done; completes once that is committed. */
    public CompletableFuture<Void> ackForTransaction(List<RecordRef> records) {
        return call(() -> transactionHolds.ack(records)).thenCompose(f -> f);
    }

    /** Gives back the records held for a cross-broker transaction that is given up, counted as delivered. */
    public CompletableFuture<Void> releaseForTransaction(TransactionId id, List<RecordRef> records) {
        return call(() -> {
            scheduleDispatch();
            return transactionHolds.release(id, records);
        }).thenCompose(f -> f);
    }

    /** The records held here for transactions for {@code timeoutMs} or more, by transaction. */
    public CompletableFuture<Map<TransactionId, List<RecordRef>>> heldForTransactions(long timeoutMs) {
        return call(() -> transactionHolds.heldLongerThan(clock.millis(), timeoutMs));
    }

    /** Reads pending records without consuming them, from {@code from} (partition to offset) on. */
    public CompletableFuture<SubscriptionAdmin.BrowsePage> browse(Map<Integer, Long> from, Selector filter,
                                                                  int maxRecords) {
        return call(() -> admin.browse(from, filter, maxRecords, clock.millis()));
    }

    /**
     * Moves the cursor of one partition (or all, {@code partition} < 0) to a new position: what is in
     * flight is forgotten and everything from there is delivered again. Stored at once for durable
     * subscriptions. Completes with the new positions.
     */
    public CompletableFuture<Map<Integer, Long>> seek(SeekMode mode, long value, int partition) {
        return call(() -> seekNow(mode, value, partition));
    }

    /**
     * A consumer's seek: refused with {@code SUBSCRIPTION_IN_USE} when a shared cursor has other
     * consumers, since it would move the cursor for all of them. Decided on the executor, so no
     * consumer attaches between the check and the move.
     */
    public CompletableFuture<Map<Integer, Long>> seekAlone(SeekMode mode, long value, int partition) {
        return call(() -> {
            int consumers = policy.consumers().size();
            if ((kind() == SubscriptionKind.QUEUE || kind().shared()) && consumers > 1) {
                throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "cannot seek " + destination
                        + ": its shared cursor has " + consumers + " consumers, and a seek would move it for all of"
                        + " them; seek with a single consumer or reset the subscription with the admin tool");
            }
            return seekNow(mode, value, partition);
        });
    }

    private Map<Integer, Long> seekNow(SeekMode mode, long value, int partition) {
        admin.seek(mode, value, partition);
        scheduleDispatch();
        return positionsNow();
    }

    /** Progress per partition for the admin tools. */
    public CompletableFuture<List<SubscriptionAdmin.PartitionProgress>> progress() {
        return call(admin::progress);
    }

    /** New records were appended to the destination. */
    public void wakeup() {
        executor.execute(this::scheduleDispatch);
    }

    /** The next offset to deliver by partition: the first record not yet handed out or acknowledged. */
    public CompletableFuture<Map<Integer, Long>> positions() {
        return call(this::positionsNow);
    }

    /** Snapshot of committed (acknowledged) positions: everything below is done. */
    public CompletableFuture<Map<Integer, Long>> committedPositions() {
        return call(() -> {
            Map<Integer, Long> m = new TreeMap<>();
            dispatchers.active().forEach(d -> m.put(d.partition(), d.cursor().ackFloor()));
            return m;
        });
    }

    public CompletableFuture<Integer> consumerCount() {
        return call(() -> policy.consumers().size());
    }

    /** Syncs the store (interval fsync policy). */
    public void sync() {
        if (store != null) {
            executor.execute(() -> {
                if (closed) {
                    return;
                }
                if (leadership != null) {
                    leadership.commit();
                } else {
                    store.sync();
                }
            });
        }
    }

    /** Closes (and forgets the state of) a subscription that has no consumers; false if it has some. */
    CompletableFuture<Boolean> closeIfIdle() {
        return call(() -> {
            if (!policy.consumers().isEmpty() || closed) {
                return false;
            }
            closed = true;
            if (store != null) {
                store.delete();
            }
            return true;
        });
    }

    public boolean isClosed() {
        return closed;
    }

    /** Ends delivery: consumers are told with {@code error}; stored state is kept unless {@code delete}. */
    public CompletableFuture<Void> close(ErrorCode error, String message, boolean delete) {
        return call(() -> {
            if (closed) {
                return null;
            }
            closed = true;
            if (error != null) {
                policy.consumers().forEach(c -> c.sink().closed(error, message));
            }
            policy.clear();
            if (store != null) {
                if (delete) {
                    store.delete();
                } else {
                    if (leadership == null) {
                        compactState();
                    }
                    store.close();
                }
            }
            return null;
        });
    }

    private Map<Integer, Long> positionsNow() {
        Map<Integer, Long> m = new TreeMap<>();
        dispatchers.active().forEach(d -> m.put(d.partition(), d.nextPosition()));
        return m;
    }

    /** The positions of the partitions served here that {@code consumer} covers. */
    private Map<Integer, Long> positionsFor(SubscriptionConsumer consumer) {
        Map<Integer, Long> m = positionsNow();
        m.keySet().removeIf(p -> !consumer.covers(p));
        return m;
    }

    /** Applies acknowledgements; returns the partitions of {@code records} that are not served here. */
    private Set<Integer> applyAcks(List<RecordRef> records) {
        Map<Integer, long[]> byPartition = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        Set<Integer> notServed = Set.of();
        for (RecordRef r : records) {
            PartitionDispatcher d = dispatchers.served(r.partition());
            if (d == null) {
                if (dispatchers.any(r.partition()) != null) {
                    notServed = notServed.isEmpty() ? new TreeSet<>() : notServed;
                    notServed.add(r.partition());
                }
            } else if (d.ack(r.offset())) {
                long[] arr = byPartition.computeIfAbsent(r.partition(), k -> new long[records.size()]);
                int n = counts.merge(r.partition(), 1, Integer::sum);
                arr[n - 1] = r.offset();
            }
        }
        if (store != null) {
            byPartition.forEach((p, arr) -> store.ack(p, arr, counts.get(p)));
            if (store.needsCompaction()) {
                compactState();
            }
        }
        return notServed;
    }

    private void scheduleDispatch() {
        if (!dispatchScheduled && !closed) {
            dispatchScheduled = true;
            executor.execute(this::dispatch);
        }
    }

    private void dispatch() {
        dispatchScheduled = false;
        List<SubscriptionConsumer> consumers = policy.consumers();
        if (closed || consumers.isEmpty()) {
            return;
        }
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                boolean progress = false;
                long now = clock.millis();
                for (PartitionDispatcher d : dispatchers.active()) {
                    progress |= d.pass(policy, now, this::scheduleWakeup);
                }
                if (!progress) {
                    break;
                }
            }
            if (leadership != null) {
                leadership.commitDeliveries(consumers, clock.millis(), this::scheduleWakeup);
            } else if (store != null) {
                store.flush();
            }
        } catch (RuntimeException e) {
            log.error("subscription {} on {} stopped delivering", id, destination, e);
            if (leadership != null) {
                consumers.forEach(SubscriptionConsumer::withdrawOutgoing); // never sent uncommitted
            }
            consumers.forEach(c -> c.sink().closed(ErrorCode.STORAGE_ERROR, e.getMessage()));
            policy.clear();
        } finally {
            consumers.forEach(SubscriptionConsumer::flush);
        }
    }

    private void scheduleWakeup(long due) {
        if (due >= wakeupAt) {
            return;
        }
        wakeupAt = due;
        long delay = Math.max(1, due - clock.millis());
        timer.schedule(() -> executor.execute(() -> {
            wakeupAt = Long.MAX_VALUE;
            scheduleDispatch();
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void compactState() {
        Map<Integer, CursorJournal.PartitionState> state = new HashMap<>();
        dispatchers.active().forEach(d -> state.put(d.partition(), d.snapshot()));
        store.compact(state);
    }

    private <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public String toString() {
        return "subscription " + id + " on " + destination;
    }
}
