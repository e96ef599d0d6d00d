package io.logjms.broker.replication;

import io.logjms.broker.cluster.BrokerAddress;
import io.logjms.broker.cluster.ClusterFactory;
import io.logjms.broker.cluster.ClusterMember;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.DestinationApplier;
import io.logjms.broker.cluster.EpochClaim;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real coordination stand-in for several brokers in one JVM: the test decides the assignments (as the
 * Hazelcast controller would), every member sees them at once, and addresses and statuses are shared. A member
 * that closes stops hearing of assignments; a broker restarted on the same node id registers again.
 */
final class InMemoryCluster {
    private final Map<Integer, Supplier<BrokerAddress>> addresses = new ConcurrentHashMap<>();
    private final Map<TopicPartition, PartitionAssignment> assignments = new ConcurrentHashMap<>();
    private final Map<TopicPartition, ReplicaStatus> statuses = new ConcurrentHashMap<>();
    private final List<Member> members = new CopyOnWriteArrayList<>();
    /** Every epoch claim a member reported, in order. */
    final List<EpochClaim> claims = new CopyOnWriteArrayList<>();

    /** The factory a broker of node {@code nodeId} is built with. */
    ClusterFactory member(int nodeId) {
        return (config, address) -> {
            Member m = new Member(nodeId);
            addresses.put(nodeId, address);
            members.add(m);
            return m;
        };
    }

    /** Decides an assignment and tells every open member. */
    void assign(PartitionAssignment a) {
        assignments.put(a.partition(), a);
        for (Member m : members) {
            m.listeners.forEach(l -> l.accept(a));
        }
    }

    Optional<ReplicaStatus> status(TopicPartition tp) {
        return Optional.ofNullable(statuses.get(tp));
    }

    private final class Member implements ClusterView {
        private final int nodeId;
        private final List<Consumer<PartitionAssignment>> listeners = new CopyOnWriteArrayList<>();

        Member(int nodeId) {
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
            List<ClusterMember> all = new ArrayList<>();
            addresses.keySet().stream().sorted().forEach(n -> all.add(new ClusterMember(n, addresses.get(n).get(),
                    members.stream().anyMatch(m -> m.nodeId == n))));
            return all;
        }

        @Override
        public OptionalInt controller() {
            return OptionalInt.empty();
        }

        @Override
        public Optional<BrokerAddress> address(int node) {
            Supplier<BrokerAddress> a = addresses.get(node);
            try {
                return a == null ? Optional.empty() : Optional.of(a.get());
            } catch (RuntimeException stopped) {
                return Optional.empty(); // that broker is not listening
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

        @Override
        public void claimEpoch(EpochClaim claim) {
            claims.add(claim);
        }

        @Override
        public void close() {
            members.remove(this);
            listeners.clear();
        }
    }
}
