package io.logjms.provider.client;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TransactionPart;
import io.logjms.protocol.api.TxnAckTargets;
import io.logjms.protocol.api.TxnCommitRequest;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Commits a transaction through its coordinator: the leader of the transaction-log partition its (random) id falls
 * in, learnt from METADATA as a produce's leader is. The acknowledgements are first named by their subscriptions
 * ({@code TXN_ACK_TARGETS} on the connection that holds each consumer), then everything goes in one
 * {@code TXN_COMMIT}. When the coordinator moved, is taking over or cannot be reached, the same commit (same id) is
 * sent again to the coordinator of the moment until {@code reconnectTimeout} (at most {@link #MAX_RETRY_MS}) runs
 * out: a commit that was decided is then answered from the transaction log, never applied twice. Giving up after an
 * attempt whose outcome is unknown fails the commit as in doubt ({@link TransactionLostException}); a refusal (any
 * other error) means nothing was applied. Thread-safe.
 */
final class CrossBrokerCommit {
    /**
     * The longest a commit is sent again, whatever {@code reconnectTimeout} says: a coordinator remembers a completed
     * or aborted transaction for 10 minutes, and a retry after that would be taken for a new transaction.
     */
    static final long MAX_RETRY_MS = 9 * 60 * 1000;

    private final RoutingBrokerConnection routing;
    private final ReconnectBackoff backoff;
    private final ReconnectScheduler scheduler;

    CrossBrokerCommit(RoutingBrokerConnection routing, ReconnectBackoff backoff, ReconnectScheduler scheduler) {
        this.routing = routing;
        this.backoff = backoff;
        this.scheduler = scheduler;
    }

    /**
     * @param acksByNode the acknowledgements by the node key of the connection that holds the consumer (see
     *        {@link RoutingBrokerConnection#connectionTo})
     */
    CompletableFuture<CommitResponse> commit(List<OutgoingBatch> batches, Map<Integer, List<AckRequest>> acksByNode) {
        return ackTargets(acksByNode).handle((acks, e) -> {
            if (e != null) {
                Throwable t = LeaderErrors.unwrap(e);
                // nothing was sent to a coordinator: the commit is refused, so the session rolls back
                return CompletableFuture.<CommitResponse>failedFuture(t instanceof ProtocolErrorException ? t
                        : new IllegalStateException("the transaction's acknowledgements could not be named by their"
                        + " subscriptions (" + LeaderErrors.describe(t) + "); nothing was committed", t));
            }
            List<CommitRequest.Produce> produces = new ArrayList<>(batches.size());
            for (OutgoingBatch b : batches) {
                produces.add(new CommitRequest.Produce(b.destination(), b.partition(),
                        Unpooled.wrappedBuffer(b.batch().duplicate())));
            }
            Attempts attempts = new Attempts(new TxnCommitRequest(TransactionId.random(),
                    new TransactionPart(produces, acks)), scheduler.nowMillis());
            send(attempts);
            return attempts.result;
        }).thenCompose(f -> f);
    }

    /** The attempts of one commit: its request (the same for every attempt) and how they went. */
    private static final class Attempts {
        final TxnCommitRequest request;
        final long since;
        final CompletableFuture<CommitResponse> result = new CompletableFuture<>();
        int round;
        boolean outcomeUnknown;
        Throwable last;

        Attempts(TxnCommitRequest request, long since) {
            this.request = request;
            this.since = since;
        }
    }

    private void send(Attempts a) {
        coordinator(a.request.id()).thenCompose(c -> c.request(ApiKey.TXN_COMMIT, a.request::writeTo,
                CommitResponse::readFrom)).whenComplete((response, e) -> {
                    if (e == null) {
                        a.result.complete(response);
                    } else {
                        failed(a, LeaderErrors.unwrap(e));
                    }
                });
    }

    private void failed(Attempts a, Throwable e) {
        a.last = e;
        boolean retriable = LeaderErrors.leaderMoved(e) || e instanceof ProtocolErrorException p
                && p.error() == ErrorCode.TRANSACTION_IN_PROGRESS;
        if (!retriable) {
            // an abort is an outcome: the transaction was not decided and never will be
            boolean aborted = e instanceof ProtocolErrorException pe && pe.error() == ErrorCode.TRANSACTION_ABORTED;
            a.result.completeExceptionally(a.outcomeUnknown && !aborted ? inDoubt(a) : e);
            return;
        }
        // "not me", "not ready" or no leader known: nothing was decided; a lost answer, or a decision whose
        // application another coordinator finishes (TRANSACTION_IN_PROGRESS), leaves the outcome to be learnt
        a.outcomeUnknown |= e instanceof ProtocolErrorException p2 ? p2.error() == ErrorCode.TRANSACTION_IN_PROGRESS
                : !(e instanceof NoLeaderException || e instanceof BrokerUnreachableException);
        long elapsed = scheduler.nowMillis() - a.since;
        long pause = elapsed >= MAX_RETRY_MS ? -1 : backoff.next(++a.round, elapsed);
        if (pause < 0) {
            // nothing was decided: a refusal, so that the session rolls back and gives its sequences back
            a.result.completeExceptionally(a.outcomeUnknown ? inDoubt(a) : new ProtocolErrorException(
                    ErrorCode.LEADER_NOT_AVAILABLE, "no coordinator took the commit within reconnectTimeout ("
                    + backoff.timeoutMillis() + " ms); nothing was committed; last error: "
                    + LeaderErrors.describe(e)));
            return;
        }
        scheduler.schedule(() -> routing.refreshMetadata(List.of(TransactionId.LOG))
                .whenComplete((v, x) -> send(a)), pause);
    }

    private TransactionLostException inDoubt(Attempts a) {
        TransactionLostException lost = new TransactionLostException("the commit of transaction " + a.request.id()
                + " was sent and its outcome is unknown: no coordinator answered within reconnectTimeout ("
                + backoff.timeoutMillis() + " ms); last error: " + LeaderErrors.describe(a.last), true);
        lost.addSuppressed(a.last);
        return lost;
    }

    /** The connection to the coordinator of {@code id}, asking METADATA for the transaction log if needed. */
    private CompletableFuture<BrokerConnection> coordinator(TransactionId id) {
        Optional<List<MetadataResponse.PartitionLeader>> known = routing.clusterMetadata().leaders(TransactionId.LOG);
        CompletableFuture<Optional<List<MetadataResponse.PartitionLeader>>> leaders = known.isPresent()
                ? CompletableFuture.completedFuture(known)
                : routing.refreshMetadata(List.of(TransactionId.LOG))
                        .thenApply(v -> routing.clusterMetadata().leaders(TransactionId.LOG));
        return leaders.thenCompose(l -> {
            if (l.isEmpty() || l.get().isEmpty()) {
                return CompletableFuture.failedFuture(new NoLeaderException("the cluster told no leaders of its"
                        + " transaction log " + TransactionId.LOG + " (not created yet?)"));
            }
            return routing.leaderConnection(TransactionId.LOG, id.logPartition(l.get().size()));
        });
    }

    /** Names each acknowledged consumer by its subscription, asking the broker whose connection holds it. */
    private CompletableFuture<List<TransactionPart.Ack>> ackTargets(Map<Integer, List<AckRequest>> acksByNode) {
        List<CompletableFuture<List<TransactionPart.Ack>>> byNode = new ArrayList<>();
        acksByNode.forEach((node, acks) -> {
            Map<Integer, List<io.logjms.protocol.api.RecordRef>> records = new LinkedHashMap<>();
            for (AckRequest a : acks) {
                records.computeIfAbsent(a.subscriptionId(), k -> new ArrayList<>()).addAll(a.records());
            }
            List<Integer> ids = List.copyOf(records.keySet());
            byNode.add(routing.connectionTo(node).thenCompose(c -> c.request(ApiKey.TXN_ACK_TARGETS,
                    out -> TxnAckTargets.writeRequest(out, ids), TxnAckTargets::readResponse)).thenApply(targets -> {
                        List<TransactionPart.Ack> named = new ArrayList<>(ids.size());
                        for (int i = 0; i < ids.size(); i++) {
                            TxnAckTargets.Target t = targets.get(i);
                            named.add(new TransactionPart.Ack(t.subscriptionId(), t.destination(),
                                    records.get(ids.get(i))));
                        }
                        return named;
                    }));
        });
        return CompletableFuture.allOf(byNode.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<TransactionPart.Ack> all = new ArrayList<>();
            byNode.forEach(f -> all.addAll(f.join()));
            return all;
        });
    }
}
