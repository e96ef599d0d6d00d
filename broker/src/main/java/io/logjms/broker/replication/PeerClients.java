package io.logjms.broker.replication;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ProtocolVersion;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.protocol.api.EpochPromiseRequest;
import io.logjms.protocol.api.EpochPromiseResponse;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.protocol.api.ReplicaFetchResponseHeader;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.PushListener;
import io.logjms.provider.tls.TlsOptions;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One protocol connection per other broker, made when first needed and again after it is lost (callers
 * retry with back-off). Thread-safe.
 */
public final class PeerClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** A {@code REPLICA_FETCH} answer as the fetcher reads it: the header and a copy of the batches. */
    record FetchReply(ReplicaFetchResponseHeader header, ByteBuffer batches) {
    }

    private final ClusterView cluster;
    private final String localHost;
    private final String purpose;
    private final Map<Integer, CompletableFuture<ProtocolClient>> clients = new HashMap<>();
    private boolean closed;

    /** @param localHost the address this broker's connections to its peers come from; null: any */
    public PeerClients(ClusterView cluster, String localHost) {
        this(cluster, localHost, "replica");
    }

    /**
     * @param purpose names the connections in their handshakes ({@code logjms-<purpose>-<from>-to-<to>}), so that a
     *        peer's log tells the broker's sets of connections apart (they set no client id: a client id is claimed
     *        cluster-wide)
     */
    public PeerClients(ClusterView cluster, String localHost, String purpose) {
        this.cluster = cluster;
        this.localHost = localHost;
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
                // no client id: in a cluster each would be claimed cluster-wide, which needs a majority
                new HandshakeRequest(ProtocolVersion.MIN, ProtocolVersion.MAX, null, null, null,
                        "logjms-" + purpose + "-" + cluster.localNodeId() + "-to-" + node),
                CONNECT_TIMEOUT, REQUEST_TIMEOUT, PushListener.NONE, TlsOptions.NONE, localHost);
        clients.put(node, connecting);
        return connecting;
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
