package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.ListSubscriptionsRequest;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ResetSubscriptionRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionInfo;

/** Requests of the admin API: subscriptions (list, describe, reset) and altering destinations. */
public final class AdminHandlers {
    private final SubscriptionManager subscriptions;
    private final DestinationManager destinations;

    public AdminHandlers(SubscriptionManager subscriptions, DestinationManager destinations) {
        this.subscriptions = subscriptions;
        this.destinations = destinations;
    }

    public void listSubscriptions(ClientConnection connection, Frame request) {
        ListSubscriptionsRequest req = ListSubscriptionsRequest.readFrom(request.body());
        var list = subscriptions.list(req.destination());
        connection.respond(request, out -> SubscriptionInfo.writeList(out, list));
    }

    public void describeSubscription(ClientConnection connection, Frame request) {
        NameRequest req = NameRequest.readRequired(request.body(), "subscriptionId");
        connection.respond(request, subscriptions.describe(req.name())::writeTo);
    }

    public void resetSubscription(ClientConnection connection, Frame request) {
        ResetSubscriptionRequest req = ResetSubscriptionRequest.readFrom(request.body());
        var positions = subscriptions.reset(req.subscriptionId(), req.mode(), req.value(), req.partition(), req.force());
        connection.respond(request, new SubscribeResponse(positions)::writeTo);
    }

    public void alterDestination(ClientConnection connection, Frame request) {
        CreateDestinationRequest req = CreateDestinationRequest.readFrom(request.body());
        destinations.alter(req.destination(), req.settings());
        connection.respond(request, body -> { });
    }
}
