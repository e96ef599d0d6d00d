package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.net.RequestHandler;
import io.logjms.broker.subscription.Subscription;
import io.logjms.broker.subscription.SubscriptionManager.Attachment;
import io.logjms.broker.transaction.TransactionCoordinator;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.RecordRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Commits a transacted session's sends and acknowledgements atomically, off the network thread. */
public final class CommitHandler implements RequestHandler {
    private final DestinationManager destinations;
    private final ConsumerHandlers consumers;
    private final TransactionCoordinator coordinator;
    private final ExecutorService executor;
    private final BrokerMetrics metrics;

    public CommitHandler(DestinationManager destinations, ConsumerHandlers consumers, TransactionCoordinator coordinator,
                         ExecutorService executor, BrokerMetrics metrics) {
        this.metrics = metrics;
        this.destinations = destinations;
        this.consumers = consumers;
        this.coordinator = coordinator;
        this.executor = executor;
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        CommitRequest req = CommitRequest.readFrom(request.body());
        List<TransactionCoordinator.Produce> produces = TransactionWork.produces(destinations, req.produces());
        Map<Subscription, List<RecordRef>> acks = new LinkedHashMap<>();
        for (AckRequest a : req.acks()) {
            Attachment attachment = consumers.attachment(connection, a.subscriptionId());
            acks.computeIfAbsent(attachment.subscription(), s -> new ArrayList<>()).addAll(a.records());
        }
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        int[] sizes = produces.stream().mapToInt(p -> p.batch().remaining()).toArray();
        executor.execute(() -> {
            try {
                CommitResponse response = new CommitResponse(coordinator.commit(produces, acks));
                TransactionWork.countProduced(metrics, produces, sizes, response.produced());
                connection.respond(api, correlationId, response::writeTo);
            } catch (RuntimeException e) {
                connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
            }
        });
    }
}
