package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterMember;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ProtocolVersion;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.PushListener;
import io.logjms.provider.tls.TlsOptions;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Connections to the other brokers of the cluster for the admin requests that answer for the whole cluster: one
 * per broker, made when first needed and again once lost. Thread-safe.
 */
public final class ClusterPeers implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ClusterView cluster;
    private final String localHost;
    private final Map<Integer, CompletableFuture<ProtocolClient>> clients = new HashMap<>();
    private boolean closed;

    /** @param localHost the address this broker's connections to its peers come from; null: any */
    public ClusterPeers(ClusterView cluster, String localHost) {
        this.cluster = cluster;
        this.localHost = localHost;
    }

    /** The node ids of the other live brokers. */
    public List<Integer> others() {
        return cluster.members().stream().filter(m -> m.alive() && m.nodeId() != cluster.localNodeId())
                .map(ClusterMember::nodeId).toList();
    }

    public <T> CompletableFuture<T> request(int node, ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader) {
        return client(node).thenCompose(c -> c.request(api, body, reader));
    }

    private synchronized CompletableFuture<ProtocolClient> client(int node) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is stopping"));
        }
        CompletableFuture<ProtocolClient> f = clients.get(node);
        if (f != null && (!f.isDone() || (!f.isCompletedExceptionally() && f.join().isOpen()))) {
            return f;
        }
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            f.join().close();
        }
        Optional<BrokerAddress> address = cluster.address(node);
        if (address.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the cluster knows no address of node "
                    + node));
        }
        BrokerAddress a = address.get();
        CompletableFuture<ProtocolClient> connecting = ProtocolClient.connect(a.host(), a.port(),
                // no client id: in a cluster each would be claimed cluster-wide, which needs a majority
                new HandshakeRequest(ProtocolVersion.MIN, ProtocolVersion.MAX, null, null, null,
                        "logjms-admin-" + cluster.localNodeId() + "-to-" + node),
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
