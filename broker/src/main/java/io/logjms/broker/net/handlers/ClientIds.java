package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.ClientIdRegistry;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.RequestException;
import io.logjms.protocol.ErrorCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMS client ids in use, released when their connection closes. A standalone broker gives each client id to one
 * connection. In a cluster a client id is held by one client connection in the whole cluster
 * ({@link ClientIdRegistry}), known by its origin: the links a routed client connection opens to several brokers
 * present the same origin and share the client id, while any other connection asking for it on any broker is
 * refused with {@code CLIENT_ID_IN_USE}. The cluster is asked on the control executor, once per client id and
 * origin on this broker; its release follows the last of those connections here.
 */
public final class ClientIds {
    private static final Logger log = LoggerFactory.getLogger(ClientIds.class);

    private final ClientIdRegistry cluster;
    private final Executor control;
    /** Client id → its holder on this broker; guarded by this object. */
    private final Map<String, Holder> held = new HashMap<>();

    /** The connections of one owner holding a client id here, and the claim they share. */
    private static final class Holder {
        final String owner;
        final Set<ClientConnection> connections = new HashSet<>();
        CompletableFuture<Void> claimed;

        Holder(String owner) {
            this.owner = owner;
        }
    }

    /** A standalone broker's client ids. */
    public ClientIds() {
        this(null, Runnable::run);
    }

    /**
     * @param cluster the cluster's registry; null for a standalone broker
     * @param control where the cluster is asked (its calls wait)
     */
    public ClientIds(ClientIdRegistry cluster, Executor control) {
        this.cluster = cluster;
        this.control = control;
    }

    /**
     * Claims {@code clientId} for {@code connection} until it closes.
     *
     * @return completes once claimed; fails with a {@link RequestException} ({@code CLIENT_ID_IN_USE},
     *         {@code INVALID_CLIENT_ID}) or, in a cluster that cannot decide, a cluster exception
     */
    public CompletableFuture<Void> claim(ClientConnection connection, String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return CompletableFuture.failedFuture(new RequestException(ErrorCode.INVALID_CLIENT_ID,
                    "client id must not be empty"));
        }
        String owner = cluster == null ? connection.connectionId() : connection.origin();
        Holder holder;
        synchronized (this) {
            holder = held.get(clientId);
            if (holder != null && !holder.owner.equals(owner)) {
                return CompletableFuture.failedFuture(new RequestException(ErrorCode.CLIENT_ID_IN_USE, "client id '"
                        + clientId + "' is in use by another connection"));
            }
            if (holder == null) {
                holder = new Holder(owner);
                held.put(clientId, holder);
                holder.claimed = cluster == null ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.runAsync(() -> claimInCluster(clientId, owner), control);
            }
            holder.connections.add(connection);
        }
        Holder h = holder;
        h.claimed.whenComplete((v, e) -> {
            if (e != null) {
                forget(clientId, h);
            }
        });
        connection.onClose(() -> release(connection, clientId, h));
        return h.claimed;
    }

    private void claimInCluster(String clientId, String owner) {
        Optional<String> refused = cluster.claim(clientId, owner);
        if (refused.isPresent()) {
            throw new RequestException(ErrorCode.CLIENT_ID_IN_USE, refused.get());
        }
    }

    private synchronized void forget(String clientId, Holder h) {
        h.connections.clear();
        held.remove(clientId, h);
    }

    private void release(ClientConnection connection, String clientId, Holder h) {
        synchronized (this) {
            if (!h.connections.remove(connection) || !h.connections.isEmpty()) {
                return;
            }
            held.remove(clientId, h);
        }
        if (cluster != null) {
            h.claimed.thenRunAsync(() -> {
                try {
                    cluster.release(clientId, h.owner);
                } catch (RuntimeException e) {
                    log.warn("client id '{}' could not be released in the cluster now ({}); it is released when this"
                            + " broker leaves the cluster", clientId, e.getMessage());
                }
            }, control);
        }
    }
}
