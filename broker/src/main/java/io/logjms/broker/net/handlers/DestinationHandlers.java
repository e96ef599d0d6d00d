package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterMember;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.net.RequestException;
import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.transaction.TransactionTopic;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.DestinationRequest;
import io.logjms.protocol.api.MetadataRequest;
import io.logjms.protocol.api.MetadataResponse;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Metadata, create and delete of destinations (describe: {@link ClusterHandlers}); temporary ones are tied to their connection.
 * Creating and deleting touch files and the metadata journal, so that work runs on the control
 * executor and is answered from there; reading what exists stays on the network thread.
 */
public final class DestinationHandlers {
    private final DestinationManager destinations;
    private final Executor control;
    private final ClusterView cluster;

    public DestinationHandlers(DestinationManager destinations, Executor control, ClusterView cluster) {
        this.destinations = destinations;
        this.control = control;
        this.cluster = cluster;
    }

    private void answer(ClientConnection connection, Frame request, Supplier<Consumer<ByteBuf>> work) {
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId, CompletableFuture.supplyAsync(work, control), body -> body);
    }

    public void metadata(ClientConnection connection, Frame request) {
        MetadataRequest req = MetadataRequest.readFrom(request.body());
        answer(connection, request, () -> {
            List<MetadataResponse.Entry> entries = new ArrayList<>();
            if (req.destinations().isEmpty()) {
                for (Destination d : destinations.all()) {
                    if (!TransactionTopic.isReserved(d.id())) {
                        entries.add(entry(d));
                    }
                }
            }
            for (DestinationId id : req.destinations()) {
                try {
                    entries.add(entry(destinations.getOrCreate(id, req.autoCreate() && !TransactionTopic.isReserved(id))));
                } catch (DestinationException e) {
                    entries.add(new MetadataResponse.Entry(id, ErrorMapping.codeFor(e), e.getMessage(), 0));
                }
            }
            return new MetadataResponse(entries, cluster.localNodeId(), liveBrokers())::writeTo;
        });
    }

    private MetadataResponse.Entry entry(Destination d) {
        List<MetadataResponse.PartitionLeader> leaders = new ArrayList<>(d.partitionCount());
        for (Partition p : d.partitions()) {
            leaders.add(leaderOf(d, p));
        }
        return new MetadataResponse.Entry(d.id(), ErrorCode.NONE, null, d.partitionCount(), leaders);
    }

    /**
     * Who leads a partition as the cluster assigned it; a standalone broker leads every partition itself, under
     * the epoch its partition holds, and so does any broker for a temporary destination (it lives on the broker of
     * the connection that made it). A clustered broker that knows no assignment yet names no leader.
     */
    private MetadataResponse.PartitionLeader leaderOf(Destination d, Partition p) {
        Optional<PartitionAssignment> assigned = cluster.assignment(p.topicPartition());
        if (assigned.isPresent()) {
            PartitionAssignment a = assigned.get();
            return new MetadataResponse.PartitionLeader(a.leader() == PartitionAssignment.NO_LEADER
                    ? MetadataResponse.NO_LEADER : a.leader(), a.leaderEpoch());
        }
        boolean local = !cluster.isClustered() || d.temporaryOwner() != null;
        return new MetadataResponse.PartitionLeader(local ? cluster.localNodeId() : MetadataResponse.NO_LEADER,
                p.leaderEpoch());
    }

    private List<MetadataResponse.Broker> liveBrokers() {
        List<MetadataResponse.Broker> brokers = new ArrayList<>();
        for (ClusterMember m : cluster.members()) {
            if (m.alive()) {
                BrokerAddress a = m.address();
                brokers.add(new MetadataResponse.Broker(m.nodeId(), a.host(), a.port()));
            }
        }
        return brokers;
    }

    public void create(ClientConnection connection, Frame request) {
        CreateDestinationRequest req = CreateDestinationRequest.readFrom(request.body());
        TransactionTopic.refuseReserved(req.destination(), "create");
        Map<String, String> settings = new HashMap<>(req.settings());
        boolean temporary = "true".equalsIgnoreCase(settings.remove("temporary"));
        String prefix = DestinationManager.TEMPORARY_PREFIX + connection.connectionId() + ".";
        if (temporary && !req.destination().name().startsWith(prefix)) {
            throw new RequestException(ErrorCode.INVALID_DESTINATION, "temporary destinations of this connection are named "
                    + prefix + "<suffix>");
        }
        answer(connection, request, () -> {
            if (temporary) {
                Destination d = destinations.createTemporary(req.destination(), connection.connectionId());
                connection.onClose(() -> control.execute(
                        () -> destinations.find(d.id()).ifPresent(x -> destinations.delete(x.id()))));
            } else {
                destinations.create(req.destination(), req.partitions(), settings, req.replicationFactor());
            }
            return body -> { };
        });
    }

    public void delete(ClientConnection connection, Frame request) {
        DestinationRequest req = DestinationRequest.readFrom(request.body());
        TransactionTopic.refuseReserved(req.destination(), "delete");
        Destination d = destinations.get(req.destination());
        if (d.temporaryOwner() != null && !d.temporaryOwner().equals(connection.connectionId())) {
            throw new RequestException(ErrorCode.INVALID_DESTINATION, "only the connection that created "
                    + d.id() + " may delete it");
        }
        answer(connection, request, () -> {
            destinations.delete(d.id());
            return body -> { };
        });
    }
}
