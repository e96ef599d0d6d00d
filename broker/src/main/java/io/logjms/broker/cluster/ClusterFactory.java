package io.logjms.broker.cluster;

import io.logjms.broker.config.BrokerConfig;
import java.util.function.Supplier;

/**
 * Builds the {@link ClusterView} a broker runs with. The default ({@link #DEFAULT}) makes a {@link StandaloneCluster}
 * when {@code cluster.members} is empty, else a {@link HazelcastCluster}; tests that run several brokers in one JVM
 * may give their own.
 */
@FunctionalInterface
public interface ClusterFactory {

    /**
     * @param config the broker's configuration
     * @param address this broker's client address, known once its port is bound (ask it lazily)
     */
    ClusterView create(BrokerConfig config, Supplier<BrokerAddress> address);

    /** Follows the configuration: standalone without {@code cluster.members}, else an embedded Hazelcast member. */
    ClusterFactory DEFAULT = (config, address) -> config.isClustered() ? new HazelcastCluster(config, address)
            : new StandaloneCluster(config.nodeId(), address);

    /** A standalone broker: node 0, no networking. */
    ClusterFactory STANDALONE = (config, address) -> new StandaloneCluster(0, address);
}
