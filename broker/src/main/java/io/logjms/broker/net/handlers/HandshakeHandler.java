package io.logjms.broker.net.handlers;

import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.net.RequestHandler;
import io.logjms.broker.security.Authenticator;
import io.logjms.broker.security.ClusterCredentials;
import io.logjms.broker.security.TlsPeer;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.ProtocolVersion;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.protocol.api.HandshakeResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Negotiates the protocol version and authenticates the client; the first request on a connection. A
 * client with a verified TLS certificate is its subject CN, without a password. Another broker of the cluster
 * authenticates with the cluster credentials ({@code cluster.user}/{@code cluster.password}) and makes the connection a
 * cluster peer, the only kind that may send broker-to-broker requests ({@link io.logjms.broker.net.PeerGuard}).
 */
public final class HandshakeHandler implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

    private final String brokerId;
    private final int maxFrameBytes;
    private final int maxBatchBytes;
    private final Authenticator authenticator;
    private final ClientIds clientIds;
    private final ClusterCredentials cluster;

    public HandshakeHandler(String brokerId, int maxFrameBytes, int maxBatchBytes, Authenticator authenticator,
                            ClientIds clientIds) {
        this(brokerId, maxFrameBytes, maxBatchBytes, authenticator, clientIds, null);
    }

    /**
     * @param cluster the credentials of the cluster's brokers: a handshake naming their user is checked against them
     *        only (whatever certificate it presents), and makes the connection a cluster peer; null: none configured
     */
    public HandshakeHandler(String brokerId, int maxFrameBytes, int maxBatchBytes, Authenticator authenticator,
                            ClientIds clientIds, ClusterCredentials cluster) {
        this.cluster = cluster;
        this.clientIds = clientIds;
        this.brokerId = brokerId;
        this.maxFrameBytes = maxFrameBytes;
        this.maxBatchBytes = maxBatchBytes;
        this.authenticator = authenticator;
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        if (connection.handshakeDone()) {
            connection.respondError(request, ErrorCode.INVALID_REQUEST, "handshake already done on this connection");
            return;
        }
        HandshakeRequest hs = HandshakeRequest.readFrom(request.body());
        short version = ProtocolVersion.negotiate(hs.minVersion(), hs.maxVersion());
        if (version < 0) {
            connection.respondError(request, ErrorCode.UNSUPPORTED_VERSION, "client speaks versions " + hs.minVersion()
                    + ".." + hs.maxVersion() + ", broker " + ProtocolVersion.MIN + ".." + ProtocolVersion.MAX);
            return;
        }
        boolean peer = cluster != null && cluster.names(hs.user());
        if (peer && !cluster.passwordMatches(hs.password())) {
            log.info("a connection from {} named the cluster's user {} with a wrong password (is cluster.password the "
                    + "same on every broker?)", connection.remoteAddress(), hs.user());
            connection.respondError(request, ErrorCode.AUTHENTICATION_FAILED, "wrong user name or password");
            return;
        }
        Optional<String> certified = peer ? Optional.empty() : TlsPeer.commonName(connection.channel());
        if (certified.isPresent() && hs.user() != null && !hs.user().equals(certified.get())) {
            log.info("user {} from {} does not match its client certificate (CN={})", hs.user(),
                    connection.remoteAddress(), certified.get());
            connection.respondError(request, ErrorCode.AUTHENTICATION_FAILED, "user " + hs.user()
                    + " does not match the client certificate (CN=" + certified.get() + ")");
            return;
        }
        if (!peer && certified.isEmpty() && !authenticator.authenticate(hs.user(), hs.password())) {
            log.info("authentication failed for user {} from {}", hs.user() == null ? "(anonymous)" : hs.user(),
                    connection.remoteAddress());
            connection.respondError(request, ErrorCode.AUTHENTICATION_FAILED,
                    hs.user() == null ? "anonymous connections are not allowed" : "wrong user name or password");
            return;
        }
        if (hs.origin() != null && hs.origin().isBlank()) {
            connection.respondError(request, ErrorCode.INVALID_REQUEST, "HANDSHAKE: origin must not be empty");
            return;
        }
        connection.presentOrigin(hs.origin()); // first: in a cluster the client id is held by the origin
        CompletableFuture<Void> claimed = hs.clientId() == null ? CompletableFuture.completedFuture(null)
                : clientIds.claim(connection, hs.clientId());
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        String user = certified.orElse(hs.user());
        claimed.whenComplete((v, e) -> {
            if (e != null) {
                connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
                return;
            }
            connection.completeHandshake(hs.clientId(), user, peer);
            log.debug("handshake {} version {}", connection, version);
            connection.respond(api, correlationId, new HandshakeResponse(version, brokerId, connection.connectionId(),
                    maxFrameBytes, maxBatchBytes)::writeTo);
        });
    }
}
