package io.logjms.broker.net;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.security.Authorizer;
import io.logjms.broker.security.Operation;
import io.logjms.broker.security.Resource;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.subscription.SubscriptionSummary;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.ListSubscriptionsRequest;
import io.logjms.protocol.api.MetadataRequest;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ResetSubscriptionRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.api.XaRequest;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access control at the request that needs it: decides from the ACL ({@link Authorizer}) which operation
 * on which destination a request is, before its handler runs, and answers {@code NOT_AUTHORIZED} (nothing
 * written) when the connection's user may not. Using a destination that is missing, where the request
 * would create it, also needs {@code create}. Metadata look-ups of named destinations, acknowledgements,
 * credit and the connection's own subscriptions need nothing. Temporary destinations belong to the user
 * of the connection that created them. A body it cannot decode is left to the handler to refuse.
 */
public final class AccessGuard implements RequestGuard {
    private final Authorizer authorizer;
    private final DestinationManager destinations;
    private final SubscriptionManager subscriptions;
    private final boolean autoCreate;
    /** Users of the connections that created temporary destinations, by connection id. */
    private final Map<String, Optional<String>> temporaryOwners = new ConcurrentHashMap<>();

    private record Need(Operation operation, Resource resource) {
    }

    public AccessGuard(Authorizer authorizer, DestinationManager destinations, SubscriptionManager subscriptions,
                       boolean autoCreate) {
        this.authorizer = authorizer;
        this.destinations = destinations;
        this.subscriptions = subscriptions;
        this.autoCreate = autoCreate;
    }

    @Override
    public boolean admit(ClientConnection connection, Frame request) {
        if (!authorizer.enabled() || request.apiKey() == null) {
            return true;
        }
        List<Need> needs;
        try {
            needs = needs(connection, request.apiKey(), request.body().duplicate());
        } catch (RuntimeException undecodable) {
            return true;
        }
        for (Need need : needs) {
            if (!authorizer.check(connection.user(), need.operation(), need.resource(), connection)) {
                connection.respondError(request, ErrorCode.NOT_AUTHORIZED, "access denied: "
                        + (connection.user() == null ? "anonymous user" : "user '" + connection.user() + "'")
                        + " may not " + need.operation().word() + " " + describe(need.resource()));
                return false;
            }
        }
        return true;
    }

    private List<Need> needs(ClientConnection connection, ApiKey api, ByteBuf body) {
        List<Need> needs = new ArrayList<>(2);
        switch (api) {
            case PRODUCE -> use(connection, DestinationId.readFrom(body), Operation.PRODUCE, needs);
            case COMMIT -> CommitRequest.readFrom(body).produces()
                    .forEach(p -> use(connection, p.destination(), Operation.PRODUCE, needs));
            case TXN_COMMIT -> {
                io.logjms.protocol.api.TransactionPart part = io.logjms.protocol.api.TxnCommitRequest.readFrom(body).part();
                part.produces().forEach(p -> use(connection, p.destination(), Operation.PRODUCE, needs));
                part.acks().forEach(a -> use(connection, a.destination(), Operation.CONSUME, needs));
            }
            case XA_END -> XaRequest.readFrom(body).produces()
                    .forEach(p -> use(connection, p.destination(), Operation.PRODUCE, needs));
            case SUBSCRIBE -> {
                body.readInt();
                use(connection, DestinationId.readFrom(body), Operation.CONSUME, needs);
            }
            case BROWSE -> use(connection, DestinationId.readFrom(body), Operation.BROWSE, needs);
            case FETCH -> {
                DestinationId id = DestinationId.readFrom(body);
                use(connection, id, id.type() == DestinationType.QUEUE ? Operation.BROWSE : Operation.CONSUME, needs);
            }
            case METADATA -> metadata(connection, MetadataRequest.readFrom(body), needs);
            case CREATE_DESTINATION -> create(connection, CreateDestinationRequest.readFrom(body), needs);
            case DESCRIBE_DESTINATION, DELETE_DESTINATION, ALTER_DESTINATION ->
                    administer(connection, DestinationId.readFrom(body), needs);
            case LIST_SUBSCRIPTIONS -> {
                DestinationId filter = ListSubscriptionsRequest.readFrom(body).destination();
                needs.add(new Need(Operation.ADMIN, filter == null ? Resource.ALL : resource(filter)));
            }
            case DESCRIBE_SUBSCRIPTION -> subscriptionAdmin(NameRequest.readFrom(body).name(), needs);
            case RESET_SUBSCRIPTION -> subscriptionAdmin(ResetSubscriptionRequest.readFrom(body).subscriptionId(), needs);
            case DELETE_SUBSCRIPTION -> deleteSubscription(connection, NameRequest.readFrom(body).name(), needs);
            case CLUSTER_DESCRIBE -> needs.add(new Need(Operation.ADMIN, Resource.ALL));
            default -> {
                // acknowledgements, credit, seek and the like act on what the connection already subscribed to
            }
        }
        return needs;
    }

    /** {@code operation} on the destination, plus {@code create} when the request would create it. */
    private void use(ClientConnection connection, DestinationId id, Operation operation, List<Need> needs) {
        Optional<Destination> existing = destinations.find(id);
        if (existing.isPresent() && ownsTemporary(connection, existing.get())) {
            return;
        }
        needs.add(new Need(operation, resource(id)));
        if (existing.isEmpty() && autoCreate && !isTemporaryName(id)) {
            needs.add(new Need(Operation.CREATE, resource(id)));
        }
    }

    private void metadata(ClientConnection connection, MetadataRequest request, List<Need> needs) {
        if (request.destinations().isEmpty()) {
            needs.add(new Need(Operation.ADMIN, Resource.ALL));
            return;
        }
        if (request.autoCreate() && autoCreate) {
            for (DestinationId id : request.destinations()) {
                if (destinations.find(id).isEmpty() && !isTemporaryName(id)) {
                    needs.add(new Need(Operation.CREATE, resource(id)));
                }
            }
        }
    }

    private void create(ClientConnection connection, CreateDestinationRequest request, List<Need> needs) {
        if ("true".equalsIgnoreCase(request.settings().get("temporary"))) {
            if (temporaryOwners.putIfAbsent(connection.connectionId(), Optional.ofNullable(connection.user())) == null) {
                connection.onClose(() -> temporaryOwners.remove(connection.connectionId()));
            }
            return;
        }
        needs.add(new Need(Operation.ADMIN, resource(request.destination())));
    }

    private void administer(ClientConnection connection, DestinationId id, List<Need> needs) {
        Optional<Destination> existing = destinations.find(id);
        if (existing.isEmpty() || !ownsTemporary(connection, existing.get())) {
            needs.add(new Need(Operation.ADMIN, resource(id)));
        }
    }

    private void subscriptionAdmin(String subscriptionId, List<Need> needs) {
        Resource resource = subscriptions.definitions().stream().filter(s -> s.id().equals(subscriptionId))
                .findFirst().map(s -> resource(s.destination())).orElse(Resource.ALL);
        needs.add(new Need(Operation.ADMIN, resource));
    }

    private void deleteSubscription(ClientConnection connection, String name, List<Need> needs) {
        subscriptions.definitions().stream()
                .filter(s -> s.kind() == SubscriptionKind.DURABLE || s.kind() == SubscriptionKind.SHARED_DURABLE)
                .filter(s -> name.equals(s.name()) && Objects.equals(s.clientId(), connection.clientId()))
                .map(SubscriptionSummary::destination)
                .findFirst()
                .ifPresent(topic -> needs.add(new Need(Operation.DELETE, resource(topic))));
    }

    /** Whether the destination is temporary and its creator had this connection's user (or is it). */
    private boolean ownsTemporary(ClientConnection connection, Destination destination) {
        String owner = destination.temporaryOwner();
        if (owner == null) {
            return false;
        }
        if (owner.equals(connection.connectionId())) {
            return true;
        }
        Optional<String> ownerUser = temporaryOwners.get(owner);
        return ownerUser != null && ownerUser.isPresent() && ownerUser.get().equals(connection.user());
    }

    private static boolean isTemporaryName(DestinationId id) {
        return id.name().startsWith(DestinationManager.TEMPORARY_PREFIX);
    }

    private static Resource resource(DestinationId id) {
        return id.type() == DestinationType.QUEUE ? Resource.queue(id.name()) : Resource.topic(id.name());
    }

    private static String describe(Resource resource) {
        return resource.kind() == Resource.Kind.ALL ? "* (all destinations)" : resource.toString();
    }
}
