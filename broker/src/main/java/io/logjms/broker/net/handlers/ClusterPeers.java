package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.ClusterMember;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.replication.PeerClients;
import io.logjms.broker.replication.PeerLink;
import io.logjms.protocol.ApiKey;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Connections to the other brokers of the cluster for the admin requests that answer for the whole cluster: a set of
 * {@link PeerClients} of their own (one connection per broker, made when first needed and again once lost).
 * Thread-safe.
 */
public final class ClusterPeers implements AutoCloseable {
    private final ClusterView cluster;
    private final PeerClients clients;

    /** @param link how this broker's connections to its peers are made (local address, credentials, TLS) */
    public ClusterPeers(ClusterView cluster, PeerLink link) {
        this.cluster = cluster;
        this.clients = new PeerClients(cluster, link, "admin");
    }

    /** The node ids of the other live brokers. */
    public List<Integer> others() {
        return cluster.members().stream().filter(m -> m.alive() && m.nodeId() != cluster.localNodeId())
                .map(ClusterMember::nodeId).toList();
    }

    public <T> CompletableFuture<T> request(int node, ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader) {
        return clients.request(node, api, body, reader);
    }

    @Override
    public void close() {
        clients.close();
    }
}
