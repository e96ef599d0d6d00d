package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.SubscribeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a connection set up on the broker and a new connection must set up again: the client id set
 * after the handshake, the open subscriptions (with whether their credit is withdrawn) and the
 * temporary destinations. Guarded by the owning {@link ReconnectingBrokerConnection}'s lock.
 */
final class RestorableState {
    /**
     * A subscription to restore: as it was requested, whether its consumer withdrew its credit, and the
     * credit window to grant it anew (the largest grant seen: consumers grant their whole window at
     * once when credit starts to flow, and smaller top-ups after).
     */
    record OpenSubscription(SubscribeRequest request, boolean creditWithdrawn, int window) {
    }

    /** A snapshot of what to restore, in the order it was set up. */
    record Snapshot(String clientId, List<CreateDestinationRequest> temporaryDestinations,
                    List<OpenSubscription> subscriptions) {
    }

    private String clientId;
    private final Map<Integer, OpenSubscription> subscriptions = new TreeMap<>();
    private final Map<DestinationId, CreateDestinationRequest> temporaryDestinations = new LinkedHashMap<>();

    void clientIdSet(String id) {
        clientId = id;
    }

    void subscribed(SubscribeRequest request) {
        subscriptions.put(request.subscriptionId(), new OpenSubscription(request, false,
                Math.max(0, request.initialCredit())));
    }

    void unsubscribed(int subscriptionId) {
        subscriptions.remove(subscriptionId);
    }

    boolean isSubscribed(int subscriptionId) {
        return subscriptions.containsKey(subscriptionId);
    }

    void creditGranted(int subscriptionId, int credit) {
        subscriptions.computeIfPresent(subscriptionId,
                (id, s) -> new OpenSubscription(s.request(), false, Math.max(s.window(), credit)));
    }

    void creditWithdrawn(int subscriptionId) {
        subscriptions.computeIfPresent(subscriptionId, (id, s) -> new OpenSubscription(s.request(), true, s.window()));
    }

    void created(CreateDestinationRequest request) {
        if ("true".equals(request.settings().get("temporary"))) {
            temporaryDestinations.put(request.destination(), request);
        }
    }

    void deleted(DestinationId destination) {
        temporaryDestinations.remove(destination);
    }

    /** Temporary destinations do not survive a reconnect: forgets them (after they were reported). */
    void forgetTemporaryDestinations() {
        for (DestinationId lost : temporaryDestinations.keySet()) {
            subscriptions.values().removeIf(s -> s.request().destination().equals(lost));
        }
        temporaryDestinations.clear();
    }

    Snapshot snapshot() {
        return new Snapshot(clientId, new ArrayList<>(temporaryDestinations.values()),
                new ArrayList<>(subscriptions.values()));
    }
}
