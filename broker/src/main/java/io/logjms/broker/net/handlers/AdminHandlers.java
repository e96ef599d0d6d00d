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
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Requests of the admin API: subscriptions (list, describe, reset: for the whole cluster, see
 * {@link ClusterSubscriptionAdmin}) and altering destinations; and the other brokers' requests for this broker's own
 * part of a subscription answer ({@code PEER_*_SUBSCRIPTION}). Their work waits on subscriptions, files and peers,
 * so it runs on the control executor, the peers' on an executor of their own (a broker waiting for its peers on its
 * control executor must not wait for a peer waiting on it), and is answered from there.
 */
public final class AdminHandlers {
    private final SubscriptionManager subscriptions;
    private final ClusterSubscriptionAdmin clusterAdmin;
    private final DestinationManager destinations;
    private final Executor control;
    private final Executor peerWork;

    /**
     * @param peerWork where the other brokers' requests run; not the control executor
     */
    public AdminHandlers(SubscriptionManager subscriptions, ClusterSubscriptionAdmin clusterAdmin,
                         DestinationManager destinations, Executor control, Executor peerWork) {
        this.subscriptions = subscriptions;
        this.clusterAdmin = clusterAdmin;
        this.destinations = destinations;
        this.control = control;
        this.peerWork = peerWork;
    }

    public void listSubscriptions(ClientConnection connection, Frame request) {
        ListSubscriptionsRequest req = ListSubscriptionsRequest.readFrom(request.body());
        answer(connection, request, control, () -> {
            List<SubscriptionInfo> list = clusterAdmin.list(req.destination());
            return out -> SubscriptionInfo.writeList(out, list);
        });
    }

    public void describeSubscription(ClientConnection connection, Frame request) {
        NameRequest req = NameRequest.readRequired(request.body(), "subscriptionId");
        answer(connection, request, control, () -> clusterAdmin.describe(req.name())::writeTo);
    }

    public void resetSubscription(ClientConnection connection, Frame request) {
        ResetSubscriptionRequest req = ResetSubscriptionRequest.readFrom(request.body());
        answer(connection, request, control, () -> new SubscribeResponse(clusterAdmin.reset(req))::writeTo);
    }

    /** Another broker asks for the subscriptions open here (without this manager's lock: see openHere). */
    public void peerListSubscriptions(ClientConnection connection, Frame request) {
        ListSubscriptionsRequest req = ListSubscriptionsRequest.readFrom(request.body());
        answer(connection, request, peerWork, () -> {
            List<SubscriptionInfo> list = subscriptions.openHere(req.destination()).stream()
                    .map(ClusterSubscriptionAdmin::info).toList();
            return out -> SubscriptionInfo.writeList(out, list);
        });
    }

    public void peerDescribeSubscription(ClientConnection connection, Frame request) {
        NameRequest req = NameRequest.readRequired(request.body(), "subscriptionId");
        answer(connection, request, peerWork,
                () -> ClusterSubscriptionAdmin.description(subscriptions.describe(req.name()))::writeTo);
    }

    public void peerResetSubscription(ClientConnection connection, Frame request) {
        ResetSubscriptionRequest req = ResetSubscriptionRequest.readFrom(request.body());
        answer(connection, request, peerWork, () -> new SubscribeResponse(subscriptions.reset(req.subscriptionId(),
                req.mode(), req.value(), req.partition(), req.force()))::writeTo);
    }

    public void alterDestination(ClientConnection connection, Frame request) {
        CreateDestinationRequest req = CreateDestinationRequest.readFrom(request.body());
        answer(connection, request, control, () -> {
            destinations.alter(req.destination(), req.settings());
            return body -> { };
        });
    }

    private static void answer(ClientConnection connection, Frame request, Executor executor,
                               Supplier<Consumer<ByteBuf>> work) {
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId, CompletableFuture.supplyAsync(work, executor), body -> body);
    }
}
