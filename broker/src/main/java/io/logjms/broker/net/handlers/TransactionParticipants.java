package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.replication.PeerClients;
import io.logjms.broker.transaction.LocalParticipant;
import io.logjms.broker.transaction.Participants;
import io.logjms.broker.transaction.TransactionException;
import io.logjms.broker.transaction.TxnPart;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TransactionPart;
import io.logjms.protocol.api.TxnApplyRequest;
import io.logjms.protocol.api.TxnResolve;
import io.logjms.broker.transaction.TransactionTopic;
import io.logjms.provider.client.ProtocolErrorException;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The participants of cross-broker transactions as this broker reaches them: itself directly, the others with
 * {@code TXN_APPLY}. Failures come back as {@link TransactionException}s carrying the participant's error code.
 */
public final class TransactionParticipants implements Participants {
    private final ClusterView cluster;
    private final DestinationManager destinations;
    private final PeerClients peers;
    private final LocalParticipant local;
    private final ExecutorService executor;

    /** @param executor runs this broker's own shares (they wait on subscriptions and files) */
    public TransactionParticipants(ClusterView cluster, DestinationManager destinations, PeerClients peers,
                                   LocalParticipant local, ExecutorService executor) {
        this.cluster = cluster;
        this.destinations = destinations;
        this.peers = peers;
        this.local = local;
        this.executor = executor;
    }

    @Override
    public int leaderOf(DestinationId destination, int partition) {
        Optional<Destination> d = destinations.find(destination);
        if (d.isEmpty() || partition >= d.get().partitionCount()) {
            return NO_LEADER;
        }
        return cluster.assignment(d.get().partition(partition).topicPartition())
                .map(PartitionAssignment::leader).orElse(NO_LEADER);
    }

    @Override
    public CompletableFuture<Void> check(int node, TransactionId id, TxnPart part) {
        if (node == cluster.localNodeId()) {
            return CompletableFuture.runAsync(() -> local.check(id, part), executor).exceptionallyCompose(this::failure);
        }
        return peers.request(node, ApiKey.TXN_APPLY, new TxnApplyRequest(TxnApplyRequest.CHECK, id, wire(part))::writeTo,
                body -> (Void) null).exceptionallyCompose(e -> remoteFailure(node, e));
    }

    @Override
    public CompletableFuture<Void> release(int node, TransactionId id, TxnPart part) {
        if (node == cluster.localNodeId()) {
            return CompletableFuture.runAsync(() -> local.release(id, part), executor).exceptionallyCompose(this::failure);
        }
        return peers.request(node, ApiKey.TXN_APPLY, new TxnApplyRequest(TxnApplyRequest.RELEASE, id, wire(part))::writeTo,
                body -> (Void) null).exceptionallyCompose(e -> remoteFailure(node, e));
    }

    /** The node coordinating transaction {@code id} now (leading its transaction-log partition), or {@link #NO_LEADER}. */
    int coordinatorOf(TransactionId id) {
        Optional<Destination> log = destinations.find(TransactionTopic.ID);
        return log.isEmpty() || log.get().partitionCount() == 0 ? NO_LEADER
                : leaderOf(TransactionTopic.ID, id.logPartition(log.get().partitionCount()));
    }

    /** Asks {@code node}, another broker, how transaction {@code id} stands ({@code TXN_RESOLVE}). */
    CompletableFuture<TxnResolve.Outcome> resolveAt(int node, TransactionId id) {
        return peers.request(node, ApiKey.TXN_RESOLVE, out -> TxnResolve.writeRequest(out, id),
                TxnResolve::readResponse).exceptionallyCompose(e -> remoteFailure(node, e));
    }

    @Override
    public CompletableFuture<List<ProduceResponse>> apply(int node, TransactionId id, TxnPart part) {
        if (node == cluster.localNodeId()) {
            return CompletableFuture.supplyAsync(() -> local.apply(part), executor)
                    .thenCompose(f -> f).exceptionallyCompose(this::failure);
        }
        return peers.request(node, ApiKey.TXN_APPLY, new TxnApplyRequest(TxnApplyRequest.APPLY, id, wire(part))::writeTo,
                body -> CommitResponse.readFrom(body).produced()).exceptionallyCompose(e -> remoteFailure(node, e));
    }

    private <T> CompletableFuture<T> failure(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof TransactionException) {
            return CompletableFuture.failedFuture(t);
        }
        return CompletableFuture.failedFuture(new TransactionException(ErrorMapping.codeFor(t),
                ErrorMapping.messageFor(t), t));
    }

    private static <T> CompletableFuture<T> remoteFailure(int node, Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof ProtocolErrorException p) {
            return CompletableFuture.failedFuture(new TransactionException(p.error(), "broker node " + node + ": "
                    + p.getMessage(), p));
        }
        // a lost or refused connection: the partition's leader may have moved; asking again is the remedy
        return CompletableFuture.failedFuture(new TransactionException(ErrorCode.NOT_LEADER, "broker node " + node
                + " could not be reached: " + (t.getMessage() != null ? t.getMessage() : t.toString()), t));
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A share as the protocol carries it. */
    static TransactionPart wire(TxnPart part) {
        List<CommitRequest.Produce> produces = new ArrayList<>(part.produces().size());
        for (TxnPart.Produce p : part.produces()) {
            produces.add(new CommitRequest.Produce(p.destination(), p.partition(),
                    Unpooled.wrappedBuffer(p.batch().duplicate())));
        }
        List<TransactionPart.Ack> acks = new ArrayList<>(part.acks().size());
        for (TxnPart.Ack a : part.acks()) {
            acks.add(new TransactionPart.Ack(a.subscriptionId(), a.destination(), a.records()));
        }
        return new TransactionPart(produces, acks);
    }

    /** A share copied out of a received frame (released once the handler returns). */
    static TxnPart copy(TransactionPart part) {
        List<TxnPart.Produce> produces = new ArrayList<>(part.produces().size());
        for (TransactionWork.Copied c : TransactionWork.copy(part.produces())) {
            produces.add(new TxnPart.Produce(c.destination(), c.partition(), c.batch()));
        }
        List<TxnPart.Ack> acks = new ArrayList<>(part.acks().size());
        for (TransactionPart.Ack a : part.acks()) {
            acks.add(new TxnPart.Ack(a.subscriptionId(), a.destination(), a.records()));
        }
        return new TxnPart(produces, acks);
    }
}
