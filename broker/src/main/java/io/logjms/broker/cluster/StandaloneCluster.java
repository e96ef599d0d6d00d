package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The cluster of a broker started without cluster settings: itself alone. It leads every partition under the
 * epoch its log holds, and starts no networking.
 */
public final class StandaloneCluster implements ClusterView {
    private final int nodeId;
    private final Supplier<BrokerAddress> address;
    private final ConcurrentHashMap<TopicPartition, ReplicaStatus> statuses = new ConcurrentHashMap<>();

    /** {@code address} is asked when needed, since the client port is bound after the broker is built. */
    public StandaloneCluster(int nodeId, Supplier<BrokerAddress> address) {
        this.nodeId = nodeId;
        this.address = address;
    }

    @Override
    public boolean isClustered() {
        return false;
    }

    @Override
    public int localNodeId() {
        return nodeId;
    }

    @Override
    public String clusterName() {
        return "standalone";
    }

    @Override
    public List<ClusterMember> members() {
        return List.of(new ClusterMember(nodeId, address.get(), true));
    }

    @Override
    public OptionalInt controller() {
        return OptionalInt.of(nodeId);
    }

    @Override
    public Optional<BrokerAddress> address(int node) {
        return node == nodeId ? Optional.of(address.get()) : Optional.empty();
    }

    @Override
    public Optional<PartitionAssignment> assignment(TopicPartition partition) {
        return Optional.empty();
    }

    @Override
    public void addAssignmentListener(Consumer<PartitionAssignment> listener) {
        // a standalone broker's assignments never change
    }

    @Override
    public void publishStatus(ReplicaStatus status) {
        statuses.put(status.partition(), status);
    }

    @Override
    public Optional<ReplicaStatus> status(TopicPartition partition) {
        return Optional.ofNullable(statuses.get(partition));
    }

    @Override
    public void close() {
        statuses.clear();
    }
}
