package io.logjms.broker.replication;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.EpochPromiseRequest;
import io.logjms.protocol.api.EpochPromiseResponse;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.protocol.api.ReplicaFetchResponseHeader;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.PushListener;
import io.logjms.provider.tls.TlsHandshakeException;
import io.logjms.provider.tls.TlsSetupException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One protocol connection per other broker, made when first needed and again after it is lost (callers
 * retry with back-off), as {@link PeerLink} says: authenticated with the cluster credentials, over TLS when the
 * brokers serve TLS. Thread-safe.
 */
public final class PeerClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerClients.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** A {@code REPLICA_FETCH} answer as the fetcher reads it: the header and a copy of the batches. */
    record FetchReply(ReplicaFetchResponseHeader header, ByteBuffer batches) {
    }

    private final ClusterView cluster;
    private final PeerLink link;
    private final String purpose;
    private final Map<Integer, CompletableFuture<ProtocolClient>> clients = new HashMap<>();
    /** The last refusal logged per node, so that a persisting one is logged once. */
    private final Map<Integer, String> refusals = new ConcurrentHashMap<>();
    private boolean closed;

    public PeerClients(ClusterView cluster, PeerLink link) {
        this(cluster, link, "replica");
    }

    /**
     * @param link how connections to the other brokers are made (local address, cluster credentials, TLS)
     * @param purpose names the connections in their handshakes ({@code logjms-<purpose>-<from>-to-<to>}), so that a
     *        peer's log tells the broker's sets of connections apart (they set no client id: a client id is claimed
     *        cluster-wide)
     */
    public PeerClients(ClusterView cluster, PeerLink link, String purpose) {
        this.cluster = cluster;
        this.link = link;
        this.purpose = purpose;
    }

    CompletableFuture<FetchReply> fetch(int node, ReplicaFetchRequest request) {
        return client(node).thenCompose(c -> c.request(ApiKey.REPLICA_FETCH, request::writeTo, body -> {
            ReplicaFetchResponseHeader header = ReplicaFetchResponseHeader.readFrom(body);
            ByteBuffer batches = ByteBuffer.allocate(header.recordsLength());
            body.readBytes(batches);
            return new FetchReply(header, batches.flip());
        }));
    }

    /** Any request to another broker (transactions' requests, for one), over the connection to it. */
    public <T> CompletableFuture<T> request(int node, ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader) {
        return client(node).thenCompose(c -> c.request(api, body, reader));
    }

    CompletableFuture<EpochPromiseResponse> promise(int node, EpochPromiseRequest request) {
        return client(node).thenCompose(c -> c.request(ApiKey.EPOCH_PROMISE, request::writeTo,
                EpochPromiseResponse::readFrom));
    }

    private synchronized CompletableFuture<ProtocolClient> client(int node) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("replication is stopping"));
        }
        CompletableFuture<ProtocolClient> f = clients.get(node);
        if (f != null && (!f.isDone() || (!f.isCompletedExceptionally() && f.join().isOpen()))) {
            return f;
        }
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            f.join().close();
        }
        Optional<BrokerAddress> address;
        try {
            address = cluster.address(node);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (address.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the cluster knows no address of node "
                    + node));
        }
        BrokerAddress a = address.get();
        CompletableFuture<ProtocolClient> connecting = ProtocolClient.connect(a.host(), a.port(),
                link.handshake("logjms-" + purpose + "-" + cluster.localNodeId() + "-to-" + node),
                CONNECT_TIMEOUT, REQUEST_TIMEOUT, PushListener.NONE, link.tls(), link.localHost());
        connecting.whenComplete((c, e) -> logRefusal(node, a, e));
        clients.put(node, connecting);
        return connecting;
    }

    /**
     * Logs, once while it lasts, a connection the other broker refused for its credentials or its TLS: a cluster whose
     * brokers are configured differently, which retrying does not mend. Other failures are the callers' to report.
     */
    private void logRefusal(int node, BrokerAddress address, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        boolean refused = e instanceof TlsHandshakeException || e instanceof TlsSetupException
                || (e instanceof ProtocolErrorException p && (p.error() == ErrorCode.AUTHENTICATION_FAILED
                        || p.error() == ErrorCode.NOT_AUTHORIZED));
        if (!refused) {
            refusals.remove(node);
            return;
        }
        String why = String.valueOf(e.getMessage());
        if (!why.equals(refusals.put(node, why))) {
            log.warn("node {} at {}:{} refuses this broker's {} connection: {} (every broker of a cluster needs the "
                    + "same cluster.user, cluster.password and tls.enabled, and a trust store that trusts the others' "
                    + "certificates)", node, address.host(), address.port(), purpose, why);
        }
    }

    @Override
    public void close() {
        Map<Integer, CompletableFuture<ProtocolClient>> all;
        synchronized (this) {
            closed = true;
            all = new HashMap<>(clients);
            clients.clear();
        }
        all.values().forEach(f -> f.thenAccept(ProtocolClient::close));
    }
}
