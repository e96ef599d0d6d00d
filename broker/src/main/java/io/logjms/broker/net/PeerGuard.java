package io.logjms.broker.net;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.broker.security.DenialLog;
import io.logjms.broker.security.Operation;
import io.logjms.broker.security.Resource;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the broker-to-broker requests for the brokers of the cluster: with cluster credentials configured, a
 * {@link #PEER_ONLY} request is served only on a connection that authenticated with them
 * ({@link ClientConnection#clusterPeer()}); any other connection (anonymous, an ordinary user, an admin) is answered
 * {@code NOT_AUTHORIZED} and nothing is read or changed. A peer's broker-to-broker requests need no ACL rule; every
 * other request goes on to the next guard (the ACL) whoever sent it. Without cluster credentials (security off) it
 * lets everything through, as before. Stateless apart from its settings; thread-safe.
 */
public final class PeerGuard implements RequestGuard {
    private static final Logger log = LoggerFactory.getLogger(PeerGuard.class);
    /**
     * The requests only brokers send each other. Every new api key must be sorted here or left out on purpose
     * ({@code PeerGuardTest} lists the client ones and fails on a key in neither list).
     */
    public static final Set<ApiKey> PEER_ONLY = Collections.unmodifiableSet(EnumSet.of(ApiKey.REPLICA_FETCH,
            ApiKey.EPOCH_PROMISE, ApiKey.PEER_LIST_SUBSCRIPTIONS, ApiKey.PEER_DESCRIBE_SUBSCRIPTION,
            ApiKey.PEER_RESET_SUBSCRIPTION, ApiKey.TXN_APPLY, ApiKey.TXN_RESOLVE));

    private final boolean enforced;
    private final RequestGuard next;
    /** Denials are logged once per user a minute (the key's operation and resource are the same for all of them). */
    private final DenialLog denials = new DenialLog(Clock.systemUTC(), Duration.ofMinutes(1));

    /**
     * @param enforced whether cluster credentials are configured (then only cluster peers may send {@link #PEER_ONLY}
     *        requests)
     * @param next the guard of every other request
     */
    public PeerGuard(boolean enforced, RequestGuard next) {
        this.enforced = enforced;
        this.next = next;
    }

    /** Whether {@code api} is a request only brokers send each other. */
    public static boolean peerOnly(ApiKey api) {
        return api != null && PEER_ONLY.contains(api);
    }

    /** Whether a connection that is ({@code clusterPeer}) or is not a cluster peer may send {@code api}. */
    boolean allows(ApiKey api, boolean clusterPeer) {
        return !enforced || clusterPeer || !peerOnly(api);
    }

    @Override
    public boolean admit(ClientConnection connection, Frame request) {
        ApiKey api = request.apiKey();
        if (!allows(api, connection.clusterPeer())) {
            if (denials.shouldLog(connection.user(), Operation.ADMIN, Resource.ALL)) {
                log.warn("denied: {} is a broker-to-broker request and {} from {} is not a broker of the cluster "
                        + "(repeats are logged at most once a minute)", api,
                        connection.user() == null ? "(anonymous)" : "user " + connection.user(),
                        connection.remoteAddress());
            }
            connection.respondError(request, ErrorCode.NOT_AUTHORIZED, "access denied: "
                    + (connection.user() == null ? "an anonymous connection" : "user '" + connection.user() + "'")
                    + " may not send " + api + ": it is a broker-to-broker request, only the brokers of the cluster "
                    + "(authenticated with cluster.user and cluster.password) may send it");
            return false;
        }
        if (enforced && peerOnly(api)) {
            return true;
        }
        return next.admit(connection, request);
    }
}
