package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.provider.config.BrokerAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a client knows of its cluster from the brokers' METADATA answers: each partition's leader and epoch, each
 * broker's client address, and which broker the bootstrap connection reached. A newer answer replaces what an
 * older one said about the same destination, except that a leader epoch never goes back (an answer from a broker
 * that has not heard of a leader change yet does not undo it). Thread-safe.
 */
final class ClusterMetadata {
    /** Nothing known about the partition (not asked yet, or the broker sends no leaders): use the bootstrap. */
    static final int UNKNOWN = -2;
    /** The cluster knows the partition and says no broker leads it now. */
    static final int NO_LEADER = MetadataResponse.NO_LEADER;

    private final Map<DestinationId, List<MetadataResponse.PartitionLeader>> leaders = new HashMap<>();
    private final Map<Integer, BrokerAddress> brokers = new LinkedHashMap<>();
    private int bootstrapNode = MetadataResponse.UNKNOWN_NODE;

    /**
     * Learns from an answer.
     *
     * @param viaBootstrap whether the bootstrap connection carried it, so its answering node is the bootstrap's
     * @return the destinations whose leader of some partition changed (a destination learnt the first time counts)
     */
    synchronized Set<DestinationId> learn(MetadataResponse answer, boolean viaBootstrap) {
        if (answer.answeringNode() == MetadataResponse.UNKNOWN_NODE) {
            return Set.of(); // a broker without cluster metadata: everything goes to the bootstrap
        }
        if (viaBootstrap) {
            bootstrapNode = answer.answeringNode();
        }
        for (MetadataResponse.Broker b : answer.brokers()) {
            if (b.port() >= 1 && b.port() <= 65535 && !b.host().isEmpty()) {
                brokers.put(b.nodeId(), new BrokerAddress(b.host(), b.port()));
            }
        }
        Set<DestinationId> changed = new LinkedHashSet<>();
        for (MetadataResponse.Entry e : answer.destinations()) {
            if (e.error() != ErrorCode.NONE || e.leaders().size() != e.partitions()) {
                leaders.remove(e.destination());
                continue;
            }
            List<MetadataResponse.PartitionLeader> before = leaders.get(e.destination());
            List<MetadataResponse.PartitionLeader> after = leaders.merge(e.destination(), e.leaders(),
                    ClusterMetadata::newerPerPartition);
            if (before == null || !nodes(before).equals(nodes(after))) {
                changed.add(e.destination());
            }
        }
        return changed;
    }

    private static List<Integer> nodes(List<MetadataResponse.PartitionLeader> leaders) {
        return leaders.stream().map(MetadataResponse.PartitionLeader::leader).toList();
    }

    private static List<MetadataResponse.PartitionLeader> newerPerPartition(List<MetadataResponse.PartitionLeader> known,
                                                                            List<MetadataResponse.PartitionLeader> told) {
        if (known.size() != told.size()) {
            return told; // the destination was recreated or grew
        }
        List<MetadataResponse.PartitionLeader> merged = new ArrayList<>(told.size());
        for (int p = 0; p < told.size(); p++) {
            merged.add(told.get(p).leaderEpoch() >= known.get(p).leaderEpoch() ? told.get(p) : known.get(p));
        }
        return merged;
    }

    /** The node that leads a partition, {@link #NO_LEADER}, or {@link #UNKNOWN}. */
    synchronized int leader(DestinationId destination, int partition) {
        List<MetadataResponse.PartitionLeader> known = leaders.get(destination);
        if (known == null || partition < 0 || partition >= known.size()) {
            return UNKNOWN;
        }
        return known.get(partition).leader();
    }

    /** The leaders of a destination's partitions, in partition order, if known. */
    synchronized Optional<List<MetadataResponse.PartitionLeader>> leaders(DestinationId destination) {
        return Optional.ofNullable(leaders.get(destination));
    }

    /** Forgets a destination (deleted), so it is asked for again when used. */
    synchronized void forget(DestinationId destination) {
        leaders.remove(destination);
    }

    /** The node the bootstrap connection reached when it last answered METADATA, or -1. */
    synchronized int bootstrapNode() {
        return bootstrapNode;
    }

    synchronized Optional<BrokerAddress> address(int node) {
        return Optional.ofNullable(brokers.get(node));
    }

    /**
     * Whether the brokers told of more than one broker: a cluster. A standalone broker names only itself (and leads
     * every partition), so its client keeps every subscription whole on its one connection.
     */
    synchronized boolean isCluster() {
        return brokers.size() > 1;
    }

    /** Every broker address the cluster told of, by node id order of first mention. */
    synchronized List<BrokerAddress> addresses() {
        return List.copyOf(new LinkedHashSet<>(brokers.values()));
    }

    /** The destinations whose leaders are known, to ask about again. */
    synchronized Set<DestinationId> destinations() {
        return Set.copyOf(leaders.keySet());
    }
}
