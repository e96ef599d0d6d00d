package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
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

    /**
     * A replica reports that it cannot follow the current assignment of a partition because it knows its epoch (or
     * a newer one) from elsewhere; the controller then gives the partition a newer epoch. Nothing to do when
     * standalone.
     */
    default void claimEpoch(EpochClaim claim) {
    }

    /**
     * Starts taking part, once the broker's client port is bound and its destinations are open: a clustered view
     * starts its member in the background (the broker serves meanwhile) and from then on applies the cluster's
     * destination changes through {@code applier}. A standalone view has nothing to start.
     */
    default void start(DestinationApplier applier) {
    }

    /**
     * Completes once this broker is a member of its cluster (at once when standalone); completes exceptionally
     * with a {@link ClusterException} when the member cannot start or the cluster refuses it (its
     * {@code node.id} is taken, for instance).
     */
    default CompletableFuture<Void> joined() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Creates a destination in the whole cluster and waits until this broker has applied it (and, for a while,
     * until its partitions have replicas placed). Only for clustered views.
     *
     * @param replicationFactor the replicas per partition asked for; 0 or less takes
     *        {@code replication.factor.default}; capped at the live brokers
     * @throws io.logjms.broker.metadata.DestinationExistsException if it exists
     * @throws ClusterException if the cluster cannot make the change (no majority, not joined)
     */
    default void createDestination(DestinationMetadata destination, int replicationFactor) {
        throw new UnsupportedOperationException("destinations of a standalone broker are local");
    }

    /**
     * Changes a destination's settings in the whole cluster and waits until this broker has applied them.
     *
     * @throws io.logjms.broker.metadata.UnknownDestinationException if it does not exist
     * @throws ClusterException if the cluster cannot make the change
     */
    default void updateDestination(DestinationMetadata destination) {
        throw new UnsupportedOperationException("destinations of a standalone broker are local");
    }

    /**
     * Deletes a destination in the whole cluster and waits until this broker has applied it.
     *
     * @throws io.logjms.broker.metadata.UnknownDestinationException if it does not exist
     * @throws ClusterException if the cluster cannot make the change
     */
    default void deleteDestination(DestinationKey key) {
        throw new UnsupportedOperationException("destinations of a standalone broker are local");
    }

    /** The replication factor a destination was created with (1 when standalone or unknown). */
    default int replicationFactor(DestinationKey key) {
        return 1;
    }

    /** The cluster-wide registry of stored subscriptions; empty when standalone (they live in the metadata store). */
    default Optional<SubscriptionRegistry> subscriptionRegistry() {
        return Optional.empty();
    }

    /** The cluster-wide registry of JMS client ids; empty when standalone (they are unique per broker). */
    default Optional<ClientIdRegistry> clientIdRegistry() {
        return Optional.empty();
    }

    @Override
    void close();
}
