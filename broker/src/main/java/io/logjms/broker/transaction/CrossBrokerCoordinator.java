package io.logjms.broker.transaction;

import io.logjms.broker.log.BatchTooLargeException;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TxnResolve;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits transactions whose partitions are led by different brokers (see {@code docs/CLUSTER.md}, "Transactions in
 * a cluster"). This broker coordinates the transactions whose transaction-log partition it leads:
 * <ol>
 *   <li>each participant (the leader of a partition the transaction writes or acknowledges records of) checks its
 *       share: it leads those partitions and every batch continues its producer's sequence; no batch is written, and
 *       the records the transaction acknowledges are held for it, durably (not delivered again until it is applied
 *       or given up); a refusal gives the held records back (unless it is retriable: the client's retry holds them
 *       again);</li>
 *   <li>the PREPARE entry (the id and the whole content) is appended to the transaction log and committed by a
 *       majority of its replicas: that is the decision, and from then on the transaction will be applied whatever
 *       fails;</li>
 *   <li>each participant applies its share, idempotently (batches deduplicated by their producer sequence,
 *       acknowledgements idempotent by nature), and answers once it is committed there; failed shares are sent
 *       again, to the partition's leader of the moment, until they are applied;</li>
 *   <li>the COMPLETE entry (each batch's offsets) is appended and the client answered.</li>
 * </ol>
 * A commit sent again with the same id is answered from the log (completed), joins the running one, or finishes a
 * decided one: never applied twice. A broker that becomes the leader of a transaction-log partition reads its
 * committed entries from the last checkpoint on ({@link #tick}, {@link CheckpointMarks}) and finishes every PREPARE
 * without COMPLETE. A participant that has held records
 * for a transaction too long asks how it stands ({@link #resolve}); one neither decided nor running is aborted then,
 * for good (an ABORT entry). Thread-safe.
 */
public final class CrossBrokerCoordinator {
    private static final Logger log = LoggerFactory.getLogger(CrossBrokerCoordinator.class);

    /** Told once a transaction is decided, before any of it is applied (a test hook that stops the broker there). */
    @FunctionalInterface
    public interface DecisionHook {
        DecisionHook NONE = (id, part) -> { };

        void decided(TransactionId id, TxnPart part);
    }

    private final CoordinatorLog txnLog;
    private final Participants participants;
    private final ScheduledExecutorService executor;
    private final DecisionHook hook;
    private final long firstRetryMs;
    private final long maxRetryMs;
    private final Clock clock;
    /** The partitions of the transaction log this broker leads, read up to their committed end; guarded by this. */
    private final Map<Integer, Loaded> loaded = new HashMap<>();
    /** The transactions being committed or finished here; guarded by this. */
    private final Map<TransactionId, CompletableFuture<List<ProduceResponse>>> running = new HashMap<>();

    /** A partition of the transaction log this broker leads and has read ({@link #load}). */
    private static final class Loaded {
        final int epoch;
        final TxnLogState state;
        final CheckpointMarks marks;
        /** A checkpoint is being appended, decided at {@code checkpointAt} when the state ended at checkpointEnd. */
        boolean checkpointing;
        long checkpointAt;
        long checkpointEnd;

        Loaded(int epoch, TxnLogState state, CheckpointMarks marks) {
            this.epoch = epoch;
            this.state = state;
            this.marks = marks;
        }
    }

    /**
     * @param executor runs the checks, the retries and {@link #tick}; never a network thread
     * @param firstRetry the first pause before a failed apply is sent again (doubling up to {@code maxRetry})
     */
    public CrossBrokerCoordinator(CoordinatorLog txnLog, Participants participants, ScheduledExecutorService executor,
                                  DecisionHook hook, Duration firstRetry, Duration maxRetry, Clock clock) {
        this.txnLog = txnLog;
        this.participants = participants;
        this.executor = executor;
        this.hook = hook;
        this.firstRetryMs = firstRetry.toMillis();
        this.maxRetryMs = maxRetry.toMillis();
        this.clock = clock;
    }

    /** Commits a transaction (or answers a retry of one); completes with each batch's offsets, in order. */
    public CompletableFuture<List<ProduceResponse>> commit(TransactionId id, TxnPart part) {
        int n = txnLog.partitions();
        if (n == 0) {
            return CompletableFuture.failedFuture(new TransactionException(ErrorCode.LEADER_NOT_AVAILABLE,
                    "the cluster's transaction log is not created yet; retry"));
        }
        int lp = id.logPartition(n);
        final TxnPart prepared;
        try {
            prepared = prepare(part);
        } catch (TransactionException e) {
            return CompletableFuture.failedFuture(e);
        }
        return start(lp, id, prepared);
    }

    private synchronized CompletableFuture<List<ProduceResponse>> start(int lp, TransactionId id, TxnPart prepared) {
        Loaded l = loaded.get(lp);
        OptionalInt ready = txnLog.readyEpoch(lp);
        if (l == null || ready.isEmpty() || ready.getAsInt() != l.epoch) {
            return CompletableFuture.failedFuture(new TransactionException(ready.isPresent()
                    ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NOT_LEADER, "this broker "
                    + (ready.isPresent() ? "is still reading" : "does not lead") + " partition " + lp
                    + " of the transaction log, which coordinates transaction " + id));
        }
        CompletableFuture<List<ProduceResponse>> run = running.get(id);
        if (run != null) {
            return run;
        }
        if (l.state.completed(id).isPresent()) {
            return CompletableFuture.completedFuture(l.state.completed(id).get());
        }
        if (l.state.aborted(id)) {
            return CompletableFuture.failedFuture(aborted(id));
        }
        CompletableFuture<List<ProduceResponse>> result = new CompletableFuture<>();
        running.put(id, result);
        if (l.state.decided(id).isPresent()) {
            TxnPart decided = l.state.decided(id).get();
            executor.execute(() -> applyAttempt(lp, l.epoch, id, decided, result, firstRetryMs));
        } else {
            executor.execute(() -> decide(lp, l.epoch, id, prepared, result));
        }
        return result;
    }

    /**
     * How transaction {@code id} stands, for a participant that holds records for it: {@code PENDING} while it is
     * decided and not complete or being committed now, {@code COMPLETED}, or {@code ABORTED}. A transaction neither
     * decided nor running is aborted by this question, for good: an ABORT entry is committed first, and a commit of
     * it is refused from then on. Fails retriably when this broker does not coordinate it (now).
     */
    public CompletableFuture<TxnResolve.Outcome> resolve(TransactionId id) {
        int n = txnLog.partitions();
        if (n == 0) {
            return CompletableFuture.failedFuture(new TransactionException(ErrorCode.LEADER_NOT_AVAILABLE,
                    "the cluster's transaction log is not created yet"));
        }
        int lp = id.logPartition(n);
        CompletableFuture<List<ProduceResponse>> aborting = new CompletableFuture<>();
        int epoch;
        synchronized (this) {
            Loaded l = loaded.get(lp);
            OptionalInt ready = txnLog.readyEpoch(lp);
            if (l == null || ready.isEmpty() || ready.getAsInt() != l.epoch) {
                return CompletableFuture.failedFuture(new TransactionException(ready.isPresent()
                        ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NOT_LEADER, "this broker does not coordinate"
                        + " transaction " + id + " (now)"));
            }
            if (running.containsKey(id) || l.state.decided(id).isPresent()) {
                return CompletableFuture.completedFuture(TxnResolve.Outcome.PENDING);
            }
            if (l.state.completed(id).isPresent()) {
                return CompletableFuture.completedFuture(TxnResolve.Outcome.COMPLETED);
            }
            if (l.state.aborted(id)) {
                return CompletableFuture.completedFuture(TxnResolve.Outcome.ABORTED);
            }
            epoch = l.epoch;
            running.put(id, aborting); // a commit of it arriving meanwhile waits for the abort, and is refused
        }
        TxnLogEntry.Abort abort = new TxnLogEntry.Abort(id);
        CompletableFuture<TxnResolve.Outcome> outcome = new CompletableFuture<>();
        txnLog.append(lp, abort).whenCompleteAsync((v, e) -> {
            if (e != null) {
                forget(lp, epoch); // the ABORT may still be committed: read the partition again
                TransactionException failed = new TransactionException(ErrorCode.LEADER_NOT_AVAILABLE, "the abort"
                        + " of transaction " + id + " was not confirmed (" + describe(e) + "); retry", unwrap(e));
                end(id, aborting, null, failed);
                outcome.completeExceptionally(failed);
                return;
            }
            replay(lp, epoch, abort, v);
            log.info("aborted transaction {}: never decided, and a participant held its records too long", id);
            end(id, aborting, null, aborted(id));
            outcome.complete(TxnResolve.Outcome.ABORTED);
        }, executor);
        return outcome;
    }

    private static TransactionException aborted(TransactionId id) {
        return new TransactionException(ErrorCode.TRANSACTION_ABORTED, "transaction " + id + " was rolled back: it"
                + " was not decided in time, and the records it acknowledges were given back");
    }

    private synchronized void forget(int lp, int epoch) {
        Loaded l = loaded.get(lp);
        if (l != null && l.epoch == epoch) {
            loaded.remove(lp);
        }
    }

    /**
     * Reads the transaction-log partitions this broker has come to lead and finishes what they hold decided and not
     * complete; forgets the ones it no longer leads; appends a checkpoint to the ones it leads when one is due
     * ({@link CheckpointMarks}). Reads files: call it on the coordinator's executor.
     */
    public void tick() {
        int n = txnLog.partitions();
        for (int lp = 0; lp < n; lp++) {
            OptionalInt ready = txnLog.readyEpoch(lp);
            Loaded current;
            TxnLogEntry.Checkpoint due = null;
            synchronized (this) {
                current = loaded.get(lp);
                if (ready.isEmpty()) {
                    loaded.remove(lp);
                    continue;
                }
                if (current != null && current.epoch == ready.getAsInt()) {
                    due = checkpointDue(current);
                } else {
                    current = null;
                }
            }
            if (current == null) {
                load(lp, ready.getAsInt());
            } else if (due != null) {
                checkpoint(lp, current, due);
            }
        }
    }

    /** The checkpoint to append now, if one is due; guarded by this. */
    private TxnLogEntry.Checkpoint checkpointDue(Loaded l) {
        long end = l.state.end(); // read before the time: what is appended later lies at or after it
        long now = clock.millis();
        if (l.checkpointing || !l.marks.due(now, end)) {
            return null;
        }
        l.checkpointing = true;
        l.checkpointAt = now;
        l.checkpointEnd = end;
        return new TxnLogEntry.Checkpoint(Math.min(l.state.oldestUnfinishedOffset(), l.marks.windowStart(now)));
    }

    private void checkpoint(int lp, Loaded l, TxnLogEntry.Checkpoint checkpoint) {
        txnLog.append(lp, checkpoint).whenCompleteAsync((offset, e) -> {
            synchronized (this) {
                l.checkpointing = false;
                if (e == null) {
                    l.state.replay(checkpoint, offset);
                    l.marks.checkpointed(l.checkpointAt, l.checkpointEnd, l.state.end());
                } else {
                    log.debug("checkpoint of partition {} of the transaction log not appended: {}", lp, describe(e));
                }
            }
        }, executor);
    }

    private void load(int lp, int epoch) {
        TxnLogState state = new TxnLogState();
        long from;
        long read;
        try {
            from = txnLog.lastCheckpoint(lp).map(TxnLogEntry.Checkpoint::replayFrom).orElse(0L);
            read = txnLog.readCommitted(lp, from, state::replay);
        } catch (RuntimeException e) {
            log.warn("could not read partition {} of the transaction log: {}", lp, e.toString());
            return;
        }
        log.info("coordinating the transactions of partition {} of the transaction log: read {} entries from offset {}"
                + " ({} not complete)", lp, read, from, state.unfinished().size());
        Map<TransactionId, CompletableFuture<List<ProduceResponse>>> toFinish = new LinkedHashMap<>();
        Map<TransactionId, TxnPart> unfinished = state.unfinished();
        synchronized (this) {
            loaded.put(lp, new Loaded(epoch, state, new CheckpointMarks(clock.millis(), from, state.end())));
            unfinished.forEach((id, part) -> {
                if (!running.containsKey(id)) {
                    CompletableFuture<List<ProduceResponse>> f = new CompletableFuture<>();
                    running.put(id, f);
                    toFinish.put(id, f);
                }
            });
        }
        toFinish.forEach((id, f) -> {
            log.info("finishing transaction {}, decided in partition {} of the transaction log and not complete", id,
                    lp);
            applyAttempt(lp, epoch, id, unfinished.get(id), f, firstRetryMs);
        });
    }

    private void decide(int lp, int epoch, TransactionId id, TxnPart part,
                        CompletableFuture<List<ProduceResponse>> result) {
        Map<Integer, Share> shares;
        try {
            shares = split(part);
        } catch (TransactionException e) {
            end(id, result, null, e);
            return;
        }
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        shares.forEach((node, share) -> checks.add(participants.check(node, id, share.part())));
        TxnLogEntry.Prepare prepare = new TxnLogEntry.Prepare(id, part);
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenCompose(v -> txnLog.append(lp, prepare).exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        unwrap(e) instanceof BatchTooLargeException tooLarge
                                ? new TransactionException(ErrorCode.TRANSACTION_INVALID, "transaction " + id
                                        + " is too large for one entry of the transaction log: "
                                        + tooLarge.getMessage(), tooLarge)
                                : new TransactionException(ErrorCode.TRANSACTION_IN_PROGRESS, "the decision of"
                                        + " transaction " + id + " was written but not confirmed (" + describe(e)
                                        + "); whoever leads partition " + lp + " of the transaction log finishes it"
                                        + " if it was committed", unwrap(e)))))
                .whenCompleteAsync((v, e) -> {
                    if (e != null) {
                        Throwable t = unwrap(e);
                        if (t instanceof TransactionException te && te.error() == ErrorCode.TRANSACTION_IN_PROGRESS) {
                            // the PREPARE may still be committed later: read the partition again to finish it then
                            forget(lp, epoch);
                        } else if (!(t instanceof TransactionException te2 && te2.retriable())) {
                            // refused for good: the records held for it go back now (a retry would hold them again)
                            releaseHolds(id, part).whenComplete((x, y) -> end(id, result, null, e));
                            return;
                        }
                        end(id, result, null, e);
                        return;
                    }
                    replay(lp, epoch, prepare, v);
                    hook.decided(id, part);
                    applyAttempt(lp, epoch, id, part, result, firstRetryMs);
                }, executor);
    }

    /**
     * Has every participant acknowledging records give back what it holds for a transaction that is refused;
     * completes when they answered, failed or not (what is left is given back after the hold timeout).
     */
    private CompletableFuture<Void> releaseHolds(TransactionId id, TxnPart part) {
        if (part.acks().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<Integer, Share> shares;
        try {
            shares = split(new TxnPart(List.of(), part.acks()));
        } catch (TransactionException e) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> released = new ArrayList<>();
        shares.forEach((node, share) -> released.add(participants.release(node, id, share.part())
                .exceptionally(e -> {
                    log.info("transaction {}: node {} did not give back the records held for it ({}); it does so"
                            + " after the hold timeout", id, node, describe(e));
                    return null;
                })));
        return CompletableFuture.allOf(released.toArray(CompletableFuture[]::new));
    }

    /** Applies every share of a decided transaction, then completes it; sends failed attempts again. */
    private void applyAttempt(int lp, int epoch, TransactionId id, TxnPart part,
                              CompletableFuture<List<ProduceResponse>> result, long delayMs) {
        OptionalInt ready = txnLog.readyEpoch(lp);
        if (ready.isEmpty() || ready.getAsInt() != epoch) {
            end(id, result, null, new TransactionException(ErrorCode.TRANSACTION_IN_PROGRESS, "this broker no longer coordinates"
                    + " transaction " + id + " (partition " + lp + " of the transaction log moved); its new"
                    + " coordinator finishes it"));
            return;
        }
        Map<Integer, Share> shares;
        try {
            shares = split(part);
        } catch (TransactionException e) {
            retry(lp, epoch, id, part, result, delayMs, e);
            return;
        }
        ProduceResponse[] results = new ProduceResponse[part.produces().size()];
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        shares.forEach((node, share) -> applied.add(participants.apply(node, id, share.part()).thenAccept(r -> {
            for (int i = 0; i < share.indexes().size(); i++) {
                results[share.indexes().get(i)] = r.get(i);
            }
        })));
        CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new))
                .thenCompose(v -> {
                    TxnLogEntry.Complete complete = new TxnLogEntry.Complete(id, List.of(results));
                    return txnLog.append(lp, complete).thenApply(offset -> {
                        replay(lp, epoch, complete, offset);
                        return complete;
                    });
                })
                .whenCompleteAsync((complete, e) -> {
                    if (e != null) {
                        retry(lp, epoch, id, part, result, delayMs, e);
                    } else {
                        end(id, result, complete.results(), null);
                    }
                }, executor);
    }

    private void retry(int lp, int epoch, TransactionId id, TxnPart part,
                       CompletableFuture<List<ProduceResponse>> result, long delayMs, Throwable cause) {
        log.warn("transaction {} is decided but not applied everywhere yet ({}); trying again in {} ms", id,
                describe(cause), delayMs);
        executor.schedule(() -> applyAttempt(lp, epoch, id, part, result, Math.min(maxRetryMs, delayMs * 2)),
                delayMs, TimeUnit.MILLISECONDS);
    }

    private void replay(int lp, int epoch, TxnLogEntry entry, long offset) {
        synchronized (this) {
            Loaded l = loaded.get(lp);
            if (l != null && l.epoch == epoch) {
                l.state.replay(entry, offset);
            }
        }
    }

    private void end(TransactionId id, CompletableFuture<List<ProduceResponse>> result, List<ProduceResponse> value,
                     Throwable error) {
        synchronized (this) {
            running.remove(id, result);
        }
        if (error != null) {
            result.completeExceptionally(unwrap(error));
        } else {
            result.complete(value);
        }
    }

    /** One participant's share, with the indexes of its batches in the whole transaction. */
    private record Share(TxnPart part, List<Integer> indexes) {
    }

    /** Groups the transaction by the broker leading each partition now. */
    private Map<Integer, Share> split(TxnPart part) {
        Map<Integer, List<TxnPart.Produce>> produces = new LinkedHashMap<>();
        Map<Integer, List<Integer>> indexes = new LinkedHashMap<>();
        for (int i = 0; i < part.produces().size(); i++) {
            TxnPart.Produce p = part.produces().get(i);
            int node = leader(p.destination(), p.partition());
            produces.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
            indexes.computeIfAbsent(node, k -> new ArrayList<>()).add(i);
        }
        Map<Integer, Map<String, List<RecordRef>>> acks = new LinkedHashMap<>();
        Map<String, DestinationId> ackDestinations = new HashMap<>();
        for (TxnPart.Ack a : part.acks()) {
            ackDestinations.put(a.subscriptionId(), a.destination());
            for (RecordRef r : a.records()) {
                int node = leader(a.destination(), r.partition());
                acks.computeIfAbsent(node, k -> new LinkedHashMap<>())
                        .computeIfAbsent(a.subscriptionId(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<Integer, Share> shares = new LinkedHashMap<>();
        for (int node : union(produces.keySet(), acks.keySet())) {
            List<TxnPart.Ack> nodeAcks = new ArrayList<>();
            acks.getOrDefault(node, Map.of()).forEach((sub, refs) ->
                    nodeAcks.add(new TxnPart.Ack(sub, ackDestinations.get(sub), refs)));
            shares.put(node, new Share(new TxnPart(produces.getOrDefault(node, List.of()), nodeAcks),
                    indexes.getOrDefault(node, List.of())));
        }
        return shares;
    }

    private int leader(DestinationId destination, int partition) {
        int node = participants.leaderOf(destination, partition);
        if (node == Participants.NO_LEADER) {
            throw new TransactionException(ErrorCode.LEADER_NOT_AVAILABLE, "partition " + partition + " of "
                    + destination + " has no leader now");
        }
        return node;
    }

    private static List<Integer> union(java.util.Set<Integer> a, java.util.Set<Integer> b) {
        java.util.LinkedHashSet<Integer> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Checks every batch (checksum, a producer id: without one a batch could not be applied idempotently) and marks
     * it transactional, on a copy: the PREPARE holds the batches exactly as every participant appends them.
     */
    static TxnPart prepare(TxnPart part) {
        if (part.isEmpty()) {
            throw new TransactionException(ErrorCode.TRANSACTION_INVALID, "the transaction sends and acknowledges"
                    + " nothing");
        }
        List<TxnPart.Produce> produces = new ArrayList<>(part.produces().size());
        for (TxnPart.Produce p : part.produces()) {
            if (TransactionTopic.isReserved(p.destination())) {
                throw new TransactionException(ErrorCode.INVALID_DESTINATION, "a transaction cannot send to "
                        + p.destination() + ": names starting with '" + TransactionTopic.RESERVED_PREFIX
                        + "' are reserved for the broker's internal topics");
            }
            ByteBuffer copy = p.copyOfBatch();
            RecordBatch batch = RecordBatch.of(copy);
            try {
                batch.validate();
            } catch (RuntimeException e) {
                throw new TransactionException(ErrorCode.CORRUPT_BATCH, "a batch for partition " + p.partition()
                        + " of " + p.destination() + " is not valid: " + e.getMessage(), e);
            }
            if (!batch.hasProducerId()) {
                throw new TransactionException(ErrorCode.TRANSACTION_INVALID, "a batch of a transaction whose"
                        + " partitions are led by different brokers must carry a producer id and sequence (the"
                        + " batch for partition " + p.partition() + " of " + p.destination() + " has none)");
            }
            short attrs = copy.getShort(RecordBatchLayout.ATTRIBUTES_OFFSET);
            if ((attrs & RecordBatchLayout.ATTR_TRANSACTIONAL) == 0) {
                copy.putShort(RecordBatchLayout.ATTRIBUTES_OFFSET, (short) (attrs | RecordBatchLayout.ATTR_TRANSACTIONAL));
                batch.updateCrc();
            }
            produces.add(new TxnPart.Produce(p.destination(), p.partition(), copy));
        }
        return new TxnPart(produces, part.acks());
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable e) {
        Throwable t = unwrap(e);
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
