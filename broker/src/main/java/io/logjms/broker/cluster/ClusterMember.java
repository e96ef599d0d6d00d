package io.logjms.broker.cluster;

/** A broker the cluster knows: its node id, its client address, and whether it is a live member now. */
public record ClusterMember(int nodeId, BrokerAddress address, boolean alive) {
}
