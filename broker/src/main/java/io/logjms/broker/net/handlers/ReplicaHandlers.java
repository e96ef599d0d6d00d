package io.logjms.broker.net.handlers;

import io.logjms.broker.log.FetchData;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.replication.ReplicaManager;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.EpochPromiseRequest;
import io.logjms.protocol.api.ReplicaFetchRequest;

/**
 * The broker-to-broker requests {@code REPLICA_FETCH} and {@code EPOCH_PROMISE}: decoded here, decided and
 * answered off the network thread by the {@link ReplicaManager}; fetched batches go from the segment file
 * (zero copy without TLS).
 */
public final class ReplicaHandlers {
    private final ReplicaManager replicas;

    public ReplicaHandlers(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    public void fetch(ClientConnection connection, Frame request) {
        ReplicaFetchRequest req = ReplicaFetchRequest.readFrom(request.body());
        short apiKey = request.rawApiKey();
        int correlationId = request.correlationId();
        replicas.serveFetch(req).whenComplete((answer, err) -> {
            if (err != null) {
                connection.respondError(apiKey, correlationId, ErrorMapping.codeFor(err), ErrorMapping.messageFor(err));
                return;
            }
            FetchData data = answer.data();
            if (data == null) {
                connection.respond(apiKey, correlationId, answer.header()::writeTo);
            } else {
                connection.respondWithRegion(apiKey, correlationId, answer.header()::writeTo,
                        new FetchHandler.SharedFileRegion(data.channel(), data.position(), data.sizeInBytes()));
            }
        });
    }

    public void promise(ClientConnection connection, Frame request) {
        EpochPromiseRequest req = EpochPromiseRequest.readFrom(request.body());
        short apiKey = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(apiKey, correlationId, replicas.servePromise(req), answer -> answer::writeTo);
    }
}
