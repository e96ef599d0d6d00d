package io.logjms.provider.it.cluster;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterFactory;
import io.logjms.broker.cluster.ClusterMember;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.DestinationApplier;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.cluster.ReplicaStatus;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationExistsException;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A cluster for brokers running in one JVM, without any coordination: one in-memory object the brokers share, in
 * which the test sets each partition's assignment (replicas, leader, epoch) itself. Each broker joins it through
 * {@link #node(int)} as its {@link ClusterFactory}, with the client address it bound (ephemeral ports: a broker
 * restarted with port 0 is known at its new address); a closed broker is listed as not alive. Thread-safe.
 */
public final class InMemoryCluster {
    private record Member(Supplier<BrokerAddress> address, boolean alive) {
    }

    private final Map<Integer, Member> members = new TreeMap<>();
    private final Map<TopicPartition, PartitionAssignment> assignments = new ConcurrentHashMap<>();
    private final Map<TopicPartition, ReplicaStatus> statuses = new ConcurrentHashMap<>();
    private final List<Consumer<PartitionAssignment>> listeners = new CopyOnWriteArrayList<>();

    /** How broker {@code nodeId} joins this cluster. */
    public ClusterFactory node(int nodeId) {
        return (config, address) -> {
            synchronized (members) {
                members.put(nodeId, new Member(address, true));
            }
            return new View(nodeId);
        };
    }

    /** Assigns a partition (replication factor 1: the leader is the only replica) under {@code epoch}. */
    public void lead(TopicPartition partition, int leader, int epoch) {
        PartitionAssignment assignment = new PartitionAssignment(partition, List.of(leader), leader, epoch);
        assignments.put(partition, assignment);
        listeners.forEach(l -> l.accept(assignment));
    }

    public Optional<PartitionAssignment> assignment(TopicPartition partition) {
        return Optional.ofNullable(assignments.get(partition));
    }

    /** Where a closing broker was; port 0 (which clients skip) when its server is gone already. */
    private BrokerAddress lastAddress(Member m) {
        try {
            return m.address().get();
        } catch (RuntimeException closedAlready) {
            return new BrokerAddress(0, "127.0.0.1", 0);
        }
    }

    private final class View implements ClusterView {
        private final int nodeId;

        View(int nodeId) {
            this.nodeId = nodeId;
        }

        /** The broker's destinations; set when the broker starts taking part. */
        private volatile DestinationApplier applier;

        @Override
        public void start(DestinationApplier destinations) {
            this.applier = destinations;
        }

        // the test plays the controller and creates a destination on each broker itself: a change made through
        // this broker applies here only
        @Override
        public void createDestination(DestinationMetadata destination, int replicationFactor) {
            if (applier.local().stream().anyMatch(d -> d.key().equals(destination.key()))) {
                throw new DestinationExistsException(destination.key());
            }
            applier.stored(destination);
        }

        @Override
        public void updateDestination(DestinationMetadata destination) {
            applier.stored(destination);
        }

        @Override
        public void deleteDestination(DestinationKey key) {
            applier.deleted(key);
        }

        @Override
        public boolean isClustered() {
            return true;
        }

        @Override
        public int localNodeId() {
            return nodeId;
        }

        @Override
        public String clusterName() {
            return "in-memory";
        }

        @Override
        public List<ClusterMember> members() {
            List<ClusterMember> list = new ArrayList<>();
            synchronized (members) {
                members.forEach((id, m) -> list.add(new ClusterMember(id, m.address().get(), m.alive())));
            }
            return list;
        }

        @Override
        public OptionalInt controller() {
            synchronized (members) {
                return members.entrySet().stream().filter(e -> e.getValue().alive()).mapToInt(Map.Entry::getKey)
                        .findFirst();
            }
        }

        @Override
        public Optional<BrokerAddress> address(int node) {
            synchronized (members) {
                Member m = members.get(node);
                return m == null ? Optional.empty() : Optional.of(m.address().get());
            }
        }

        @Override
        public Optional<PartitionAssignment> assignment(TopicPartition partition) {
            return Optional.ofNullable(assignments.get(partition));
        }

        @Override
        public void addAssignmentListener(Consumer<PartitionAssignment> listener) {
            listeners.add(listener);
        }

        @Override
        public void publishStatus(ReplicaStatus status) {
            statuses.put(status.partition(), status);
        }

        @Override
        public Optional<ReplicaStatus> status(TopicPartition partition) {
            return Optional.ofNullable(statuses.get(partition));
        }

        /** The broker closed: it stays known, at its last address, as not alive. */
        @Override
        public void close() {
            synchronized (members) {
                Member m = members.get(nodeId);
                if (m != null) {
                    BrokerAddress last = lastAddress(m);
                    members.put(nodeId, new Member(() -> last, false));
                }
            }
        }
    }
}
