package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The brokers of one system's cluster on this machine, each in its own JVM. {@link #close()} stops them all at
 * once (one after the other, a cluster's last nodes would wait for the quorum the first took away) and deletes
 * their data.
 */
final class BrokerCluster implements AutoCloseable {
    private final List<BrokerProcess> nodes;

    BrokerCluster(List<BrokerProcess> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** {@code host:port,host:port,...} of every node, for a client's bootstrap list. */
    String bootstrap() {
        return nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
    }

    int size() {
        return nodes.size();
    }

    @Override
    public void close() throws IOException {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        List<IOException> failures = new ArrayList<>();
        for (BrokerProcess node : nodes) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    node.close();
                } catch (IOException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        stops.forEach(CompletableFuture::join);
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public String toString() {
        return "cluster " + nodes;
    }
}
