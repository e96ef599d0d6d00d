package io.logjms.broker.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who holds a JMS client id in the cluster: one client connection, known by its {@code owner} (the origin its
 * links present: a routed connection opens links to several brokers under one origin, and they must not
 * conflict), and the brokers where it has links, each with the member incarnation it had when it claimed. An
 * entry whose brokers all left (or restarted: a new incarnation) holds nothing any more.
 */
record ClientIdHolder(String clientId, String owner, List<Node> nodes) {

    /** A broker with a link of the holder, in one incarnation of its member. */
    record Node(int nodeId, String incarnation) {
        Node {
            Objects.requireNonNull(incarnation, "incarnation");
        }
    }

    ClientIdHolder {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(owner, "owner");
        nodes = List.copyOf(nodes);
    }

    ClientIdHolder with(Node node) {
        if (nodes.contains(node)) {
            return this;
        }
        List<Node> more = new ArrayList<>(nodes);
        more.add(node);
        return new ClientIdHolder(clientId, owner, more);
    }

    ClientIdHolder without(Node node) {
        List<Node> fewer = new ArrayList<>(nodes);
        fewer.remove(node);
        return new ClientIdHolder(clientId, owner, fewer);
    }

    /** The holder without the brokers that are not live members in the incarnation they claimed with. */
    ClientIdHolder live(Map<Integer, String> liveIncarnations) {
        List<Node> alive = nodes.stream().filter(n -> n.incarnation().equals(liveIncarnations.get(n.nodeId())))
                .toList();
        return alive.size() == nodes.size() ? this : new ClientIdHolder(clientId, owner, alive);
    }

    boolean held() {
        return !nodes.isEmpty();
    }
}
