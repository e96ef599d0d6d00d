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

/**
 * Commits a transacted session's sends and acknowledgements atomically, off the network thread. A commit
 * that sends to a destination to be auto-created is prepared off the event loop too, in the connection's
 * order ({@link ProduceOrder}).
 */
public final class CommitHandler implements RequestHandler {
    private final DestinationManager destinations;
    private final ConsumerHandlers consumers;
    private final TransactionCoordinator coordinator;
    private final ExecutorService executor;
    private final BrokerMetrics metrics;
    private final ProduceOrder order;

    public CommitHandler(DestinationManager destinations, ConsumerHandlers consumers, TransactionCoordinator coordinator,
                         ExecutorService executor, BrokerMetrics metrics, ProduceOrder order) {
        this.metrics = metrics;
        this.destinations = destinations;
        this.consumers = consumers;
        this.coordinator = coordinator;
        this.executor = executor;
        this.order = order;
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        CommitRequest req = CommitRequest.readFrom(request.body());
        List<TransactionWork.Copied> sends = TransactionWork.copy(req.produces());
        boolean creates = false;
        for (TransactionWork.Copied c : sends) {
            creates |= destinations.find(c.destination()).isEmpty();
        }
        List<AckRequest> acks = req.acks();
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        order.run(connection, creates, () -> commit(connection, sends, acks, api, correlationId),
                e -> connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e)));
    }

    private void commit(ClientConnection connection, List<TransactionWork.Copied> sends, List<AckRequest> ackRequests,
                        short api, int correlationId) {
        List<TransactionCoordinator.Produce> produces = TransactionWork.resolve(destinations, sends);
        Map<Subscription, List<RecordRef>> acks = new LinkedHashMap<>();
        for (AckRequest a : ackRequests) {
            Attachment attachment = consumers.attachment(connection, a.subscriptionId());
            acks.computeIfAbsent(attachment.subscription(), s -> new ArrayList<>()).addAll(a.records());
        }
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
