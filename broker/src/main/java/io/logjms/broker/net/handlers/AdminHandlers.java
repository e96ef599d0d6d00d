package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.subscription.SubscriptionAdmin;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.subscription.SubscriptionSummary;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.ListSubscriptionsRequest;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ResetSubscriptionRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionDescription;
import io.logjms.protocol.api.SubscriptionInfo;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Requests of the admin API: subscriptions (list, describe, reset) and altering destinations. Their work
 * waits on subscriptions and files, so it runs on the control executor and is answered from there.
 */
public final class AdminHandlers {
    private final SubscriptionManager subscriptions;
    private final DestinationManager destinations;
    private final Executor control;

    public AdminHandlers(SubscriptionManager subscriptions, DestinationManager destinations, Executor control) {
        this.subscriptions = subscriptions;
        this.destinations = destinations;
        this.control = control;
    }

    public void listSubscriptions(ClientConnection connection, Frame request) {
        ListSubscriptionsRequest req = ListSubscriptionsRequest.readFrom(request.body());
        answer(connection, request, () -> {
            List<SubscriptionInfo> list = subscriptions.list(req.destination()).stream().map(AdminHandlers::info).toList();
            return out -> SubscriptionInfo.writeList(out, list);
        });
    }

    public void describeSubscription(ClientConnection connection, Frame request) {
        NameRequest req = NameRequest.readRequired(request.body(), "subscriptionId");
        answer(connection, request, () -> {
            SubscriptionSummary s = subscriptions.describe(req.name());
            List<SubscriptionDescription.PartitionProgress> progress = s.partitions().stream()
                    .map(AdminHandlers::progress).toList();
            return new SubscriptionDescription(info(s), progress)::writeTo;
        });
    }

    public void resetSubscription(ClientConnection connection, Frame request) {
        ResetSubscriptionRequest req = ResetSubscriptionRequest.readFrom(request.body());
        answer(connection, request, () -> new SubscribeResponse(subscriptions.reset(req.subscriptionId(), req.mode(),
                req.value(), req.partition(), req.force()))::writeTo);
    }

    public void alterDestination(ClientConnection connection, Frame request) {
        CreateDestinationRequest req = CreateDestinationRequest.readFrom(request.body());
        answer(connection, request, () -> {
            destinations.alter(req.destination(), req.settings());
            return body -> { };
        });
    }

    private void answer(ClientConnection connection, Frame request, Supplier<Consumer<ByteBuf>> work) {
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        CompletableFuture.supplyAsync(work, control).whenComplete((body, e) -> {
            if (e != null) {
                connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
            } else {
                connection.respond(api, correlationId, body);
            }
        });
    }

    private static SubscriptionInfo info(SubscriptionSummary s) {
        return new SubscriptionInfo(s.id(), s.kind(), s.destination(), s.clientId(), s.name(), s.selector(),
                s.consumers());
    }

    private static SubscriptionDescription.PartitionProgress progress(SubscriptionAdmin.PartitionProgress p) {
        return new SubscriptionDescription.PartitionProgress(p.partition(), p.logStartOffset(), p.logEndOffset(),
                p.committed(), p.inFlight(), p.skippedByRetention());
    }
}
