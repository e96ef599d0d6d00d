package io.logjms.broker.subscription;

import io.logjms.broker.partition.NotEnoughReplicasException;
import io.logjms.protocol.api.StartPosition;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stored subscription does in a cluster, where its cursors live in the partitions' logs
 * ({@link ReplicatedCursorStore}): it serves a partition exactly while this broker leads it, rebuilding the cursor
 * from the log for every epoch it leads (from the start position when the log holds no entry of it), and stops when
 * it no longer does, telling the consumers that covered the partition; the records it had in flight are forgotten
 * here and delivered again by the new leader. A record goes out only once its delivery is committed.
 *
 * <p>Not thread-safe: the subscription's executor calls it.
 */
final class PartitionLeadership {
    private static final Logger log = LoggerFactory.getLogger(PartitionLeadership.class);

    private final Object subscription;
    private final ReplicatedCursorStore store;
    private final Dispatchers dispatchers;
    private final DispatchPolicy policy;
    private final Runnable scheduleDispatch;
    private final IntConsumer retryLater;
    private StartPosition start = StartPosition.LATEST;
    private long startTimestamp;

    /**
     * @param subscription names the subscription in logs
     * @param retryLater   asks for {@link #reconcile} of a partition again a little later (a rebuild failed)
     */
    PartitionLeadership(Object subscription, ReplicatedCursorStore store, Dispatchers dispatchers, DispatchPolicy policy,
                        Runnable scheduleDispatch, IntConsumer retryLater) {
        this.subscription = subscription;
        this.store = store;
        this.dispatchers = dispatchers;
        this.policy = policy;
        this.scheduleDispatch = scheduleDispatch;
        this.retryLater = retryLater;
    }

    ReplicatedCursorStore store() {
        return store;
    }

    /**
     * Where a partition starts when its log holds no entry of the subscription. {@code LATEST} is fixed at the
     * subscription's creation, whichever broker first serves a partition and whenever: the first record stamped at
     * or after its creation time (its incarnation; a subscription without one starts at the log end then).
     */
    void startAt(StartPosition position, long timestamp) {
        boolean sinceCreation = position == StartPosition.LATEST && store.incarnation() > 0;
        this.start = sinceCreation ? StartPosition.TIMESTAMP : position;
        this.startTimestamp = sinceCreation ? store.incarnation() : timestamp;
    }

    /** Serves the partition exactly while this broker leads it, rebuilt for each epoch it leads. */
    void reconcile(PartitionDispatcher d) {
        boolean led = d.source().ledHere();
        int epoch = d.source().leaderEpoch();
        if (d.active() && (!led || d.activeEpoch() != epoch)) {
            stopServing(d);
        }
        if (led && !d.active()) {
            startServing(d, epoch);
        }
    }

    private void startServing(PartitionDispatcher d, int epoch) {
        int p = d.partition();
        try {
            CursorJournal.PartitionState state = store.rebuild(p);
            if (state != null) {
                d.restore(state);
            } else {
                d.start(startOffset(d.source()));
            }
            d.activate(epoch);
            if (store.commit().contains(p)) {
                stopServing(d);
                return;
            }
            log.info("{}: serving partition {} in leader epoch {} from offset {} ({})", subscription, p, epoch,
                    d.cursor().ackFloor(), state == null ? "new" : "rebuilt from the log");
            scheduleDispatch.run();
        } catch (RuntimeException e) {
            log.warn("{}: could not rebuild the cursor of partition {}; trying again in a second", subscription, p, e);
            d.deactivate();
            store.forget(p);
            retryLater.accept(p);
        }
    }

    private long startOffset(PartitionSource source) {
        return switch (start) {
            case EARLIEST -> source.logStartOffset();
            case LATEST -> source.logEndOffset();
            case TIMESTAMP -> source.offsetForTimestamp(startTimestamp);
        };
    }

    /**
     * Stops serving a partition this broker no longer leads: its in-flight records are forgotten here (the new
     * leader delivers them again, as redelivered), and the consumers that covered it are told.
     */
    void stopServing(PartitionDispatcher d) {
        int p = d.partition();
        store.forget(p);
        if (!d.active()) {
            return;
        }
        d.deactivate();
        List<Integer> lost = List.of(p);
        for (SubscriptionConsumer c : policy.consumers()) {
            c.dropOutgoing(p);
            if (c.covers(p)) {
                c.lose(p);
                c.sink().partitionsLost(lost);
            }
        }
        log.info("{}: stopped serving partition {} (this broker no longer leads it)", subscription, p);
    }

    /** Commits every change made so far and stops serving the partitions that turned out lost. */
    void commit() {
        for (int p : store.commit()) {
            stopServing(dispatchers.any(p));
        }
    }

    /**
     * Before the deliveries of a dispatch go out: their marks and counts committed, so that
     * {@code JMSXDeliveryCount} never repeats a value across a failover. Deliveries of a partition lost meanwhile
     * are dropped; when no majority answers in time, every delivery of the pass is taken back (not delivered) and
     * {@code retryAt} is asked for a second later.
     */
    void commitDeliveries(List<SubscriptionConsumer> consumers, long now, LongConsumer retryAt) {
        try {
            commit();
        } catch (NotEnoughReplicasException e) {
            log.warn("{}: {}; delivering again in a second", subscription, e.getMessage());
            for (SubscriptionConsumer c : consumers) {
                c.withdrawOutgoing().forEach((partition, deliveries) -> {
                    PartitionDispatcher d = dispatchers.served(partition);
                    if (d != null) {
                        deliveries.forEach(x -> d.release(x.record().offset(), c.id(), false));
                    }
                });
            }
            retryAt.accept(now + 1000);
        }
    }

    /**
     * The answer to acknowledgements just applied: complete once they are committed ({@code waitForCommit}) or at
     * once; failed with {@code NOT_LEADER} when some were of partitions not served here (their records come again
     * from the new leader).
     */
    CompletableFuture<Void> acknowledged(Set<Integer> notServed, boolean waitForCommit) {
        CompletableFuture<Void> done;
        if (waitForCommit) {
            done = store.commitLater();
        } else {
            store.flush();
            done = CompletableFuture.completedFuture(null);
        }
        if (notServed.isEmpty()) {
            return done;
        }
        RuntimeException e = dispatchers.notLeader(notServed.iterator().next(), "this broker does not serve"
                + " partition(s) " + notServed + " of " + subscription + " (it does not lead them); their records are"
                + " delivered again by the leader");
        return done.thenCompose(v -> CompletableFuture.failedFuture(e));
    }
}
