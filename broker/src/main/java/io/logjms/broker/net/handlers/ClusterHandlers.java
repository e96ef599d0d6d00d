package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterMember;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.cluster.ReplicaStatus;
import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.ClusterDescription;
import io.logjms.protocol.api.DescribeDestinationResponse;
import io.logjms.protocol.api.DescribeDestinationResponse.PartitionState;
import io.logjms.protocol.api.DestinationRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests any broker answers for the whole cluster: CLUSTER_DESCRIBE, and DESCRIBE_DESTINATION with each
 * partition's replicas, leader, in-sync replicas, epoch and high watermark (from the cluster's assignments and the
 * status the leaders publish; a standalone broker reports itself as the only replica). Reads of what is in memory:
 * answered on the network thread.
 */
public final class ClusterHandlers {
    private final DestinationManager destinations;
    private final ClusterView cluster;

    public ClusterHandlers(DestinationManager destinations, ClusterView cluster) {
        this.destinations = destinations;
        this.cluster = cluster;
    }

    public void describeCluster(ClientConnection connection, Frame request) {
        List<ClusterDescription.Member> members = new ArrayList<>();
        for (ClusterMember m : cluster.members()) {
            BrokerAddress a = m.address();
            members.add(new ClusterDescription.Member(m.nodeId(), a.host(), a.port(), m.alive()));
        }
        int controller = cluster.controller().orElse(ClusterDescription.NO_CONTROLLER);
        connection.respond(request, new ClusterDescription(cluster.clusterName(), controller, members)::writeTo);
    }

    public void describeDestination(ClientConnection connection, Frame request) {
        DestinationRequest req = DestinationRequest.readFrom(request.body());
        Destination d = destinations.get(req.destination());
        boolean shared = cluster.isClustered() && d.temporaryOwner() == null;
        Map<String, String> settings = new LinkedHashMap<>(destinations.settings(d));
        settings.put("replication.factor", Integer.toString(shared
                ? cluster.replicationFactor(DestinationManager.keyOf(d.id())) : 1));
        List<PartitionState> states = new ArrayList<>();
        for (int p = 0; p < d.partitionCount(); p++) {
            Partition partition = d.partition(p);
            states.add(shared ? clustered(p, partition) : local(p, partition));
        }
        connection.respond(request, new DescribeDestinationResponse(d.id(), settings, states)::writeTo);
    }

    /** This broker is the only replica: it leads under its log's epoch. */
    private PartitionState local(int p, Partition partition) {
        int self = cluster.localNodeId();
        return new PartitionState(p, partition.logStartOffset(), partition.logEndOffset(), self, List.of(self),
                List.of(self), partition.leaderEpoch(), partition.highWatermark());
    }

    private PartitionState clustered(int p, Partition partition) {
        Optional<PartitionAssignment> assignment = cluster.assignment(partition.topicPartition());
        if (assignment.isEmpty()) {
            return new PartitionState(p, partition.logStartOffset(), partition.logEndOffset());
        }
        PartitionAssignment a = assignment.get();
        Optional<ReplicaStatus> status = cluster.status(partition.topicPartition())
                .filter(s -> s.leader() == a.leader());
        List<Integer> inSync;
        long highWatermark;
        if (status.isPresent()) {
            inSync = status.get().inSync();
            highWatermark = status.get().highWatermark();
        } else {
            // no status published yet: the leader counts as in sync with itself; only it knows its high watermark
            inSync = a.leader() == PartitionAssignment.NO_LEADER ? List.of() : List.of(a.leader());
            highWatermark = a.isLeader(cluster.localNodeId()) ? partition.highWatermark() : PartitionState.UNKNOWN;
        }
        return new PartitionState(p, partition.logStartOffset(), partition.logEndOffset(), a.leader(), a.replicas(),
                inSync, a.leaderEpoch(), highWatermark);
    }
}
