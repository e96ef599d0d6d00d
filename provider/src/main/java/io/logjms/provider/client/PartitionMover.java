package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches the partitions of {@link SpreadSubscription}s at their leaders and follows the leaders when they move,
 * without the application noticing. A run for one subscription (runs of one subscription never overlap, so its
 * requests to each broker go in order):
 * <ol>
 *   <li>detaches every attached partition whose leader is now another broker (as metadata says): the consumer
 *       forgets what it holds of it and what it did not acknowledge ({@link BrokerEvents#onPartitionsMoving}: the
 *       new leader delivers those records again, flagged redelivered), and the old broker is told
 *       ({@code SUBSCRIPTION_PARTITIONS} with what it keeps, or {@code UNSUBSCRIBE} when it keeps nothing);</li>
 *   <li>attaches every detached partition whose leader is known and reachable: {@code SUBSCRIBE} restricted to
 *       those partitions at a broker this subscription does not use yet (with the whole credit window), or
 *       {@code SUBSCRIPTION_PARTITIONS} to extend its attachment there; a non-durable subscriber is then moved to
 *       right after the last record it handed to the application ({@code SEEK}) before credit flows.</li>
 * </ol>
 * Partitions are also detached when their broker pushes {@code PARTITIONS_LOST} or its connection is lost
 * ({@link #detach}). While some stay detached, the run is repeated with back-off after asking the cluster for its
 * metadata again, until {@code reconnectTimeout}, counted from the first detachment, runs out: then the
 * subscription ends and its consumer says why. A refusal that is not about leadership ends it at once. The
 * first attachment of all partitions answers the consumer's SUBSCRIBE. Thread-safe.
 */
final class PartitionMover {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionMover.class);

    /** What the mover asks of the routing connection. */
    interface Cluster {
        /** The node key serving a partition now: a node id, {@link ClusterMetadata#UNKNOWN} (bootstrap), or NO_LEADER. */
        int leaderKey(DestinationId destination, int partition);

        /** Whether metadata names the destination's leaders. */
        boolean leadersKnown(DestinationId destination);

        /** Whether requests to the node go out now (its connection is not being re-established). */
        boolean reachable(int node);

        CompletableFuture<BrokerConnection> connectionTo(int node);

        /** Asks the cluster again where the destination's partitions are led; never fails. */
        CompletableFuture<Void> refresh(DestinationId destination);

        /** Where the consumers hear of moves and of subscriptions that end. */
        BrokerEvents consumers();

        /** The subscription ended: forget it. */
        void ended(SpreadSubscription subscription);
    }

    private final Cluster cluster;
    private final ReconnectBackoff backoff;
    private final ReconnectScheduler scheduler;

    PartitionMover(Cluster cluster, ReconnectBackoff backoff, ReconnectScheduler scheduler) {
        this.cluster = cluster;
        this.backoff = backoff;
        this.scheduler = scheduler;
    }

    /** Runs the subscription's moves soon (once more, if a run is going on). */
    void trigger(SpreadSubscription s) {
        if (!s.isClosed() && s.claimRun()) {
            scheduler.schedule(() -> run(s), 0);
        }
    }

    private void run(SpreadSubscription s) {
        CompletableFuture<Void> step;
        try {
            step = step(s);
        } catch (RuntimeException e) {
            step = CompletableFuture.failedFuture(e);
        }
        step.whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("moving the partitions of subscription {} failed: {}", s.id(), LeaderErrors.describe(e));
            }
            if (s.endRun()) {
                scheduler.schedule(() -> run(s), 0);
            } else {
                retryLater(s);
            }
        });
    }

    private CompletableFuture<Void> step(SpreadSubscription s) {
        DestinationId d = s.destination();
        if (s.isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        s.waitingFrom(scheduler.nowMillis());
        if (!cluster.leadersKnown(d)) {
            return CompletableFuture.completedFuture(null);
        }
        s.misplaced(p -> cluster.leaderKey(d, p)).forEach((node, partitions) -> detachNow(s, node, partitions, true));
        Map<Integer, List<Integer>> targets = new TreeMap<>();
        for (int p : s.detached()) {
            int leader = cluster.leaderKey(d, p);
            if (leader != ClusterMetadata.NO_LEADER && cluster.reachable(leader)) {
                targets.computeIfAbsent(leader, n -> new ArrayList<>()).add(p);
            }
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<Integer, List<Integer>> t : targets.entrySet()) {
            chain = chain.thenCompose(v -> s.isClosed() ? CompletableFuture.completedFuture(null)
                    : attach(s, t.getKey(), t.getValue()));
        }
        return chain;
    }

    /** While partitions stay detached: asks for metadata again and runs again, with back-off; gives up at the timeout. */
    private void retryLater(SpreadSubscription s) {
        long waited = s.detachedForMillis(scheduler.nowMillis());
        if (s.isClosed() || waited < 0 || !s.claimRetry()) {
            return;
        }
        long pause = backoff.next(s.nextAttempt(), waited);
        if (pause < 0) {
            s.retryDone();
            Throwable last = s.lastFailure();
            giveUp(s, new PartitionUnavailableException("partitions " + s.detached() + " of " + s.destination()
                    + " could not be attached at their leader within reconnectTimeout (" + backoff.timeoutMillis()
                    + " ms); last failure: " + (last == null ? "no broker leads them" : LeaderErrors.describe(last)),
                    last));
            return;
        }
        scheduler.schedule(() -> cluster.refresh(s.destination()).whenComplete((v, e) -> {
            s.retryDone();
            trigger(s);
        }), pause);
    }

    /**
     * Detaches partitions from the part at {@code node} because that broker said it no longer leads them, or its
     * connection was lost: as {@link #detachNow}, then the cluster is asked where they are led now (what this client
     * knows still names the old broker) and they are attached there.
     */
    void detach(SpreadSubscription s, int node, Collection<Integer> partitions, boolean tellOld) {
        if (detachNow(s, node, partitions, tellOld)) {
            cluster.refresh(s.destination()).whenComplete((v, e) -> trigger(s));
        }
    }

    /**
     * Detaches partitions from the part at {@code node}: the consumer forgets what it has of them, and the old
     * broker is told (it keeps nothing: UNSUBSCRIBE, which also ends what a lost connection would restore; it keeps
     * others and {@code tellOld}: SUBSCRIPTION_PARTITIONS, so it never serves them to this attachment again).
     * Returns whether any partition was detached.
     */
    private boolean detachNow(SpreadSubscription s, int node, Collection<Integer> partitions, boolean tellOld) {
        SpreadSubscription.Part before = s.partAt(node);
        if (before == null || s.isClosed()) {
            return false;
        }
        List<Integer> moved = new ArrayList<>();
        SpreadSubscription.Part after = s.detach(node, partitions, scheduler.nowMillis(), moved);
        if (moved.isEmpty()) {
            return false;
        }
        LOG.info("partitions {} of {} (subscription {}) leave broker {}; attaching them at their new leader", moved,
                s.destination(), s.id(), describe(node));
        if (s.isEstablished()) {
            s.resumeAt(cluster.consumers().onPartitionsMoving(s.id(), Set.copyOf(moved)));
        }
        int id = s.id();
        if (after == null) {
            before.connection().unsubscribe(id).whenComplete((v, e) -> logIgnored(e, "detach subscription " + id, node));
        } else if (tellOld || before.whole()) {
            // a whole attachment is made explicit, so its broker never serves it a partition it leads again later
            Attachments.cover(before.connection(), id, after.partitions())
                    .whenComplete((v, e) -> logIgnored(e, "shrink subscription " + id, node));
        }
        return true;
    }

    private CompletableFuture<Void> attach(SpreadSubscription s, int node, List<Integer> partitions) {
        return cluster.connectionTo(node).thenCompose(c -> attachOn(s, node, c, partitions)).handle((v, e) -> {
            if (e != null) {
                failedAttach(s, node, partitions, e);
            }
            return null;
        });
    }

    private CompletableFuture<Void> attachOn(SpreadSubscription s, int node, BrokerConnection c,
                                             List<Integer> partitions) {
        int id = s.id();
        SpreadSubscription.Part existing = s.partAt(node);
        Map<Integer, Long> resume = s.resumesAtOffsets() ? s.resumePositions(partitions) : Map.of();
        boolean seeking = !resume.isEmpty();
        boolean whole = existing == null && s.request().partitions().isEmpty()
                && partitions.size() == s.partitionCount() && s.parts().isEmpty();
        int credit = 0;
        CompletableFuture<SubscribeResponse> answer;
        s.attaching(node, partitions); // before the request: the broker may deliver before its answer is handled
        if (existing == null) {
            credit = seeking ? 0 : s.creditForNewPart();
            SubscribeRequest request = whole ? s.request() : s.request().forPartitions(partitions);
            answer = Attachments.subscribe(c, request.withInitialCredit(credit));
        } else {
            if (seeking && !s.creditWithdrawn()) {
                c.withdrawCredit(id);
            }
            Set<Integer> all = new TreeSet<>(existing.partitions());
            all.addAll(partitions);
            answer = Attachments.cover(c, id, List.copyOf(all));
        }
        int given = credit;
        return answer.thenCompose(r -> seek(c, id, resume, r.positions()))
                .thenAccept(positions -> attached(s, node, c, partitions, whole, positions, seeking, given))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        s.notAttached(node, partitions);
                    }
                    if (e != null && existing != null && seeking && !s.creditWithdrawn()) {
                        c.grantCredit(id, s.window());
                        s.windowRegranted(node);
                    }
                });
    }

    /** Moves a non-durable subscriber's new partitions to where its consumer continues; the positions after. */
    private static CompletableFuture<Map<Integer, Long>> seek(BrokerConnection c, int id, Map<Integer, Long> resume,
                                                              Map<Integer, Long> answered) {
        Map<Integer, Long> positions = new TreeMap<>(answered);
        List<CompletableFuture<Void>> seeks = new ArrayList<>();
        resume.forEach((p, offset) -> seeks.add(c.seek(new SeekRequest(id, SeekMode.OFFSET, offset, p))
                .thenAccept(r -> {
                    long now = r.positions().getOrDefault(p, offset);
                    if (now != offset) {
                        LOG.warn("subscription {} partition {}: continues at {} instead of {} (retention removed"
                                + " records, or the new leader's log ends earlier)", id, p, now, offset);
                    }
                    synchronized (positions) {
                        positions.put(p, now);
                    }
                })));
        return CompletableFuture.allOf(seeks.toArray(CompletableFuture[]::new)).thenApply(v -> positions);
    }

    private void attached(SpreadSubscription s, int node, BrokerConnection c, List<Integer> partitions, boolean whole,
                          Map<Integer, Long> positions, boolean seeking, int creditGiven) {
        int id = s.id();
        if (s.isClosed()) {
            c.unsubscribe(id);
            return;
        }
        Map<Integer, Long> moved = new TreeMap<>(positions);
        moved.keySet().retainAll(partitions);
        boolean established = s.isEstablished();
        boolean all = s.attached(node, c, partitions, whole, moved);
        if (seeking && !s.creditWithdrawn()) {
            c.grantCredit(id, s.window());
            s.windowRegranted(node);
        } else if (!seeking && creditGiven > 0 && s.creditWithdrawn()) {
            c.withdrawCredit(id); // the consumer withdrew its credit while this part was being attached
        }
        LOG.info("partitions {} of {} (subscription {}) attached at broker {}", partitions, s.destination(), id,
                describe(node));
        if (established) {
            cluster.consumers().onPartitionsMoved(id, moved);
        } else if (all) {
            s.establish();
        }
    }

    private void failedAttach(SpreadSubscription s, int node, List<Integer> partitions, Throwable error) {
        Throwable cause = LeaderErrors.unwrap(error);
        s.failed(cause);
        if (LeaderErrors.leaderMoved(cause)) {
            LOG.debug("could not attach partitions {} of subscription {} at broker {} yet: {}", partitions, s.id(),
                    describe(node), LeaderErrors.describe(cause));
            return;
        }
        LOG.warn("broker {} refused partitions {} of subscription {} to {}: {}", describe(node), partitions, s.id(),
                s.destination(), LeaderErrors.describe(cause));
        giveUp(s, cause);
    }

    /**
     * Ends a subscription that cannot be attached: before its first attachment the consumer's SUBSCRIBE fails with
     * the cause, after it the consumer is closed with a notice saying why.
     */
    void giveUp(SpreadSubscription s, Throwable cause) {
        if (!s.close()) {
            return;
        }
        cluster.ended(s);
        for (SpreadSubscription.Part p : s.parts()) {
            p.connection().unsubscribe(s.id()).whenComplete((v, e) -> logIgnored(e, "end subscription " + s.id(),
                    p.node()));
        }
        if (!s.established().isDone()) {
            s.established().completeExceptionally(cause);
            return;
        }
        ErrorCode code = cause instanceof ProtocolErrorException e ? e.error() : ErrorCode.UNKNOWN_ERROR;
        cluster.consumers().onSubscriptionClosed(new SubscriptionClosedNotice(s.id(), code,
                "partitions of " + s.destination() + " could not follow their leader: " + LeaderErrors.describe(cause)));
    }

    private static void logIgnored(Throwable e, String what, int node) {
        if (e != null) {
            LOG.debug("could not {} at broker {} (ignored: it no longer serves those partitions): {}", what,
                    describe(node), LeaderErrors.describe(e));
        }
    }

    private static String describe(int node) {
        return node == ClusterMetadata.UNKNOWN ? "(bootstrap)" : "node " + node;
    }
}
