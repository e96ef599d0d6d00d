package io.logjms.provider.admin;

import java.util.List;

/**
 * A described cluster: its name, the controller's node id (null while none is known) and every broker it knows.
 *
 * @param clusterName {@code cluster.name}, or {@code standalone} for a broker without a cluster
 * @param controller the node id of the controller (the oldest live member)
 * @param members the brokers, alive or gone, ordered by node id
 */
public record ClusterDetails(String clusterName, Integer controller, List<Member> members) {
    public ClusterDetails {
        members = List.copyOf(members);
    }

    /** One broker: its node id, its client address and whether it is a live member now. */
    public record Member(int nodeId, String host, int port, boolean alive) {
        /** {@code host:port}, the client address. */
        public String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
