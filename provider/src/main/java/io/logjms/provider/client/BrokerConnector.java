package io.logjms.provider.client;

import io.logjms.provider.config.ConnectionOptions;

/** Opens the {@link BrokerConnection} of a new JMS connection; a test substitutes one without sockets. */
@FunctionalInterface
public interface BrokerConnector {

    /**
     * Connects to the first broker of {@code options} that answers and performs the handshake.
     *
     * @throws ProtocolErrorException when the broker refused the handshake
     * @throws BrokerUnreachableException when no broker could be reached
     */
    BrokerConnection connect(ConnectionOptions options, BrokerEvents events)
            throws BrokerUnreachableException, InterruptedException;

    /**
     * Connects over TCP with the logjms protocol; reconnects after a loss unless {@code reconnectTimeout} is 0; in a
     * cluster, sends to each partition's leader ({@link RoutingBrokerConnection}).
     */
    BrokerConnector TCP = RoutingBrokerConnection::connect;
}
