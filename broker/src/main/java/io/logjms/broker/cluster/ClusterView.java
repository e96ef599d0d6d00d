package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What the rest of the broker knows of the cluster and asks of it. The coordination behind it (an embedded
 * Hazelcast member) stays inside this package; a broker without cluster settings uses
 * {@link StandaloneCluster}, which starts no networking and leads every partition itself.
 *
 * <p>The coordination decides who <em>should</em> lead a partition; it never decides whether data is safe:
 * that is the replicas' commit rule and leader takeover (see {@code docs/CLUSTER.md}).
 */
public interface ClusterView extends AutoCloseable {

    /** False for a standalone broker: no replication, every partition led locally. */
    boolean isClustered();

    /** This broker's {@code node.id}. */
    int localNodeId();

    String clusterName();

    /** Every broker the cluster knows, alive or gone, ordered by node id. */
    List<ClusterMember> members();

    /** The node id of the controller (the oldest live member), if a cluster has formed. */
    OptionalInt controller();

    /** Where a broker's clients and peers reach it, if the cluster knows that broker. */
    Optional<BrokerAddress> address(int nodeId);

    /** The current assignment of a partition; empty when standalone or not yet known. */
    Optional<PartitionAssignment> assignment(TopicPartition partition);

    /**
     * Tells {@code listener} of every assignment that is created or changes from now on (on a coordination
     * thread: the listener must not block). Listeners are called in the order changes are seen.
     */
    void addAssignmentListener(Consumer<PartitionAssignment> listener);

    /** A partition's leader publishes its replicas' progress (at most about once a second per partition). */
    void publishStatus(ReplicaStatus status);

    /** The last status a partition's leader published, from any broker. */
    Optional<ReplicaStatus> status(TopicPartition partition);

    @Override
    void close();
}
