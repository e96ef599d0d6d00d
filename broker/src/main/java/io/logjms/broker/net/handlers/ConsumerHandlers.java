package io.logjms.broker.net.handlers;

import io.logjms.broker.net.RequestException;
import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.metrics.ConsumerMeters;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.subscription.SubscriptionManager.Attachment;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.CreditNotice;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionRequest;
import io.logjms.selector.Selector;
import jakarta.jms.InvalidSelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Subscribe, credit, ack, release, unsubscribe, browse and durable-subscription deletion; keeps each
 * connection's consumers and detaches them when it closes (their records go back for redelivery).
 */
public final class ConsumerHandlers {
    private final SubscriptionManager subscriptions;
    private final DestinationManager destinations;
    private final ClientIds clientIds;
    private final Executor control;
    private final BrokerMetrics metrics;
    private final Map<ClientConnection, Map<Integer, Attachment>> byConnection = new ConcurrentHashMap<>();

    /**
     * @param control where work that may wait (file I/O, fsync, directory creation, another
     *                subscription's answer) runs, so that it never blocks a network thread
     */
    public ConsumerHandlers(SubscriptionManager subscriptions, DestinationManager destinations, ClientIds clientIds,
                            Executor control, BrokerMetrics metrics) {
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.destinations = destinations;
        this.clientIds = clientIds;
        this.control = control;
    }

    private Map<Integer, Attachment> consumers(ClientConnection connection) {
        Map<Integer, Attachment> known = byConnection.get(connection);
        if (known != null) {
            return known;
        }
        Map<Integer, Attachment> map = new ConcurrentHashMap<>();
        Map<Integer, Attachment> raced = byConnection.putIfAbsent(connection, map);
        if (raced != null) {
            return raced;
        }
        // registered outside the map update: on a connection already closed the hook runs at once
        connection.onClose(() -> {
            byConnection.remove(connection);
            boolean lost = !connection.closedByClient();
            map.values().forEach(a -> subscriptions.detach(a, lost));
        });
        return map;
    }

    /** The attachment of a subscription id on this connection. */
    public Attachment attachment(ClientConnection connection, int subscriptionId) {
        Attachment a = consumers(connection).get(subscriptionId);
        if (a == null) {
            throw new RequestException(ErrorCode.UNKNOWN_SUBSCRIPTION, "no subscription " + subscriptionId + " on this connection");
        }
        return a;
    }

    public void subscribe(ClientConnection connection, Frame request) {
        SubscribeRequest req = SubscribeRequest.readFrom(request.body());
        Map<Integer, Attachment> mine = consumers(connection);
        if (mine.containsKey(req.subscriptionId())) {
            throw new RequestException(ErrorCode.INVALID_REQUEST, "subscription id " + req.subscriptionId() + " is in use");
        }
        destinations.find(req.destination()).ifPresent(d -> checkTemporaryOwner(connection, d));
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        // attaching may create the destination and open or create the subscription's files
        ConsumerMeters meters = metrics.consumer(req.destination());
        CompletableFuture.supplyAsync(() -> subscriptions.attach(req, connection.clientId(),
                new ConsumerSink(connection, req.subscriptionId(), meters), true), control)
                .thenCompose(f -> f)
                .whenComplete((a, e) -> {
                    if (e != null) {
                        connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
                        return;
                    }
                    if (mine.putIfAbsent(req.subscriptionId(), a) != null) {
                        subscriptions.detach(a);
                        connection.respondError(api, correlationId, ErrorCode.INVALID_REQUEST, "subscription id "
                                + req.subscriptionId() + " is in use");
                        return;
                    }
                    metrics.bind(meters, a.subscription().id());
                    connection.respond(api, correlationId, new SubscribeResponse(a.positions())::writeTo);
                    if (!connection.isOpen() && mine.remove(req.subscriptionId()) != null) {
                        subscriptions.detach(a, !connection.closedByClient());
                    }
                });
    }

    private static void checkTemporaryOwner(ClientConnection connection, Destination d) {
        if (d.temporaryOwner() != null && !d.temporaryOwner().equals(connection.connectionId())) {
            throw new RequestException(ErrorCode.INVALID_DESTINATION, "only the connection that created " + d.id()
                    + " may consume from it");
        }
    }

    public void credit(ClientConnection connection, Frame frame) {
        CreditNotice notice = CreditNotice.readFrom(frame.body());
        Attachment a = consumers(connection).get(notice.subscriptionId());
        if (a != null) {
            a.subscription().credit(a.consumer(), notice.credit());
        }
    }

    public void ack(ClientConnection connection, Frame request) {
        AckRequest req = AckRequest.readFrom(request.body());
        boolean oneWay = request.kind() == FrameKind.ONE_WAY;
        Attachment a = consumers(connection).get(req.subscriptionId());
        if (a == null) {
            if (oneWay) {
                return;
            }
            throw new RequestException(ErrorCode.UNKNOWN_SUBSCRIPTION, "no subscription " + req.subscriptionId());
        }
        CompletableFuture<Void> f = a.subscription().ack(a.consumer(), req.records(), !oneWay);
        if (!oneWay) {
            reply(connection, request, f);
        }
    }

    /**
     * {@code SUBSCRIPTION_PARTITIONS}: the attachment covers these partitions from now on; answered with their
     * positions, or {@code NOT_LEADER} (nothing changed) when one is not led here.
     */
    public void subscriptionPartitions(ClientConnection connection, Frame request) {
        io.logjms.protocol.api.SubscriptionPartitions req = io.logjms.protocol.api.SubscriptionPartitions.readFrom(
                request.body());
        Attachment a = attachment(connection, req.subscriptionId());
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId,
                a.subscription().replacePartitions(a.consumer(), new java.util.TreeSet<>(req.partitions())),
                positions -> new SubscribeResponse(positions)::writeTo);
    }

    public void release(ClientConnection connection, Frame request) {
        ReleaseRequest req = ReleaseRequest.readFrom(request.body());
        Attachment a = attachment(connection, req.subscriptionId());
        reply(connection, request, a.subscription().release(a.consumer(), req.records(), req.delivered()));
    }

    public void unsubscribe(ClientConnection connection, Frame request) {
        SubscriptionRequest req = SubscriptionRequest.readFrom(request.body());
        Attachment a = consumers(connection).remove(req.subscriptionId());
        if (a == null) {
            throw new RequestException(ErrorCode.UNKNOWN_SUBSCRIPTION, "no subscription " + req.subscriptionId());
        }
        reply(connection, request, subscriptions.detach(a));
    }

    public void seek(ClientConnection connection, Frame request) {
        io.logjms.protocol.api.SeekRequest req = io.logjms.protocol.api.SeekRequest.readFrom(request.body());
        Attachment a = attachment(connection, req.subscriptionId());
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId, a.subscription().seekAlone(req.mode(), req.value(),
                req.partition()), positions -> new SubscribeResponse(positions)::writeTo);
    }

    public void positions(ClientConnection connection, Frame request) {
        SubscriptionRequest req = SubscriptionRequest.readFrom(request.body());
        Attachment a = attachment(connection, req.subscriptionId());
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId, a.subscription().positions(),
                positions -> new SubscribeResponse(positions)::writeTo);
    }

    public void deleteSubscription(ClientConnection connection, Frame request) {
        NameRequest req = NameRequest.readRequired(request.body(), "name");
        String clientId = connection.clientId();
        reply(connection, request, CompletableFuture.runAsync(() -> subscriptions.unsubscribe(clientId, req.name()),
                control));
    }

    public void browse(ClientConnection connection, Frame request) {
        BrowseRequest req = BrowseRequest.readFrom(request.body());
        if (req.destination().type() != DestinationType.QUEUE) {
            throw new RequestException(ErrorCode.INVALID_DESTINATION, "only queues can be browsed");
        }
        Selector selector;
        try {
            selector = Selector.parse(req.selector());
        } catch (InvalidSelectorException e) {
            throw new RequestException(ErrorCode.INVALID_SELECTOR, e.getMessage(), e);
        }
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        int max = Math.max(1, Math.min(req.maxRecords(), 10_000));
        // the queue may have to be created, and its cursor opened from its files
        CompletableFuture.supplyAsync(() -> {
            Destination d = destinations.getOrCreate(req.destination(), true);
            checkTemporaryOwner(connection, d);
            return subscriptions.queueCursor(d);
        }, control).thenCompose(cursor -> cursor.browse(req.positions(), selector, max)).whenComplete((page, e) -> {
            if (e != null) {
                connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
            } else {
                List<BrowseResponse.BrowsedRecord> records = new ArrayList<>(page.records().size());
                page.records().forEach(r -> records.add(new BrowseResponse.BrowsedRecord(r.partition(),
                        DeliveryFrames.toDeliveredRecord(r.delivery()))));
                connection.respond(api, correlationId,
                        new BrowseResponse(records, page.positions(), page.done())::writeTo);
            }
        });
    }

    public void setClientId(ClientConnection connection, Frame request) {
        NameRequest req = NameRequest.readFrom(request.body());
        if (connection.clientId() != null) {
            throw new RequestException(ErrorCode.INVALID_REQUEST, "this connection already has client id " + connection.clientId());
        }
        reply(connection, request, clientIds.claim(connection, req.name())
                .thenRun(() -> connection.setClientId(req.name())));
    }

    private static void reply(ClientConnection connection, Frame request, CompletableFuture<?> f) {
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId, f, v -> body -> { });
    }
}
