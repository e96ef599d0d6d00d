package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.net.RequestHandler;
import io.logjms.broker.subscription.SubscriptionManager.Attachment;
import io.logjms.broker.transaction.TransactionCoordinator;
import io.logjms.broker.transaction.XaBranches;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.XaRequest;
import io.logjms.protocol.api.XaResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import javax.transaction.xa.XAResource;

/**
 * The XA requests (XA_START to XA_FORGET), run one at a time off the network thread, on the executor that
 * runs COMMIT, since they write and sync the transaction log. A connection that closes with associations
 * open marks their branches rollback-only.
 */
public final class XaHandler implements RequestHandler {
    private final DestinationManager destinations;
    private final ConsumerHandlers consumers;
    private final XaBranches branches;
    private final ExecutorService executor;
    private final BrokerMetrics metrics;
    private final Set<ClientConnection> watched = ConcurrentHashMap.newKeySet();

    public XaHandler(DestinationManager destinations, ConsumerHandlers consumers, XaBranches branches,
                     ExecutorService executor, BrokerMetrics metrics) {
        this.metrics = metrics;
        this.destinations = destinations;
        this.consumers = consumers;
        this.branches = branches;
        this.executor = executor;
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        ApiKey key = ApiKey.fromId(request.rawApiKey());
        XaRequest req = XaRequest.readFrom(request.body());
        if (key == ApiKey.XA_START && watched.add(connection)) {
            connection.onClose(() -> {
                watched.remove(connection);
                executor.execute(() -> branches.ownerLost(connection));
            });
        }
        List<TransactionWork.Copied> batches = TransactionWork.copy(req.produces());
        List<XaBranches.Consumed> consumed = new ArrayList<>();
        for (AckRequest a : req.acks()) {
            Attachment attachment = consumers.attachment(connection, a.subscriptionId());
            consumed.add(new XaBranches.Consumed(attachment.subscription(), attachment.consumer(), a.records()));
        }
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        executor.execute(() -> {
            try {
                XaResponse response = run(key, req, TransactionWork.resolve(destinations, batches), consumed,
                        connection);
                metrics.xaRequest(meterName(key, req.flags()));
                connection.respond(api, correlationId, response::writeTo);
            } catch (RuntimeException e) {
                connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
            }
        });
    }

    /** The request's name in the {@code logjms_xa_requests_total} counter. */
    static String meterName(ApiKey key, int flags) {
        String name = key.name().substring("XA_".length()).toLowerCase(java.util.Locale.ROOT);
        return key == ApiKey.XA_COMMIT && (flags & XAResource.TMONEPHASE) != 0 ? name + "_one_phase" : name;
    }

    private XaResponse run(ApiKey key, XaRequest req, List<TransactionCoordinator.Produce> produces,
                           List<XaBranches.Consumed> consumed, ClientConnection connection) {
        switch (key) {
            case XA_START -> branches.start(req.xid(), req.flags(), req.timeoutSeconds(), connection);
            case XA_END -> branches.end(req.xid(), req.flags(), produces, consumed, connection);
            case XA_PREPARE -> {
                return new XaResponse(branches.prepare(req.xid()) ? XAResource.XA_RDONLY : XAResource.XA_OK, List.of());
            }
            case XA_COMMIT -> {
                XaBranches.Committed committed = branches.commit(req.xid(), (req.flags() & XAResource.TMONEPHASE) != 0);
                int[] sizes = committed.produces().stream().mapToInt(p -> p.batch().remaining()).toArray();
                TransactionWork.countProduced(metrics, committed.produces(), sizes, committed.results());
            }
            case XA_ROLLBACK -> branches.rollback(req.xid());
            case XA_RECOVER -> {
                return new XaResponse(XAResource.XA_OK, branches.recover());
            }
            case XA_FORGET -> branches.forget(req.xid());
            default -> throw new IllegalArgumentException("not an XA request: " + key);
        }
        return XaResponse.OK;
    }
}
