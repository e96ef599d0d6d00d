package io.logjms.broker.cluster;

import java.util.Objects;

/**
 * Where clients and other brokers reach one broker's protocol port: its {@code advertised.host} and the client
 * port it bound (which may change across restarts when it is started with port 0).
 */
public record BrokerAddress(int nodeId, String host, int port) {
    public BrokerAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of node " + nodeId + " is not 0..65535");
        }
    }

    /** {@code host:port}, as the admin CLI prints it. */
    public String hostPort() {
        return host + ":" + port;
    }
}
